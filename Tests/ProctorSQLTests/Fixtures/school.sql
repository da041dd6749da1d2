-- A small school: students with ties on grade, NULL cities and advisors, scores with decimals.
CREATE TABLE teachers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, dept TEXT);
CREATE TABLE students (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    grade INTEGER,
    city TEXT,
    advisor_id INTEGER REFERENCES teachers (id)
);
CREATE TABLE courses (id INTEGER PRIMARY KEY, title TEXT NOT NULL, credits INTEGER, dept TEXT);
CREATE TABLE enrollments (
    student_id INTEGER REFERENCES students (id),
    course_id INTEGER REFERENCES courses (id),
    score REAL,
    PRIMARY KEY (student_id, course_id)
);

INSERT INTO teachers VALUES (1, 'Mr. Smith', 'Math'), (2, 'Ms. Jones', 'Science'), (3, 'Dr. Brown', 'History'),
    (4, 'Mrs. White', 'Art');

INSERT INTO students VALUES
    (1, 'Alice', 10, 'Boston', 1),
    (2, 'Bob', 11, 'Denver', 2),
    (3, 'Carol', 10, NULL, 1),
    (4, 'Dave', 12, 'Boston', NULL),
    (5, 'Eve', 11, 'Austin', 2),
    (6, 'Frank', 10, 'Denver', NULL),
    (7, 'Grace', 12, 'Boston', 1),
    (8, 'Heidi', 11, NULL, 2),
    (9, 'Ivan', 12, 'Austin', 1),
    (10, 'Judy', 10, 'Chicago', 2);

INSERT INTO courses VALUES (1, 'Algebra', 4, 'Math'), (2, 'Biology', 3, 'Science'), (3, 'History', 3, 'History'),
    (4, 'Painting', 2, 'Art'), (5, 'Chemistry', 4, 'Science'), (6, 'Latin', 2, 'Languages');

INSERT INTO enrollments VALUES
    (1, 1, 88.5), (1, 2, 92.25), (1, 3, 79.0),
    (2, 1, 75.5), (2, 5, 81.0),
    (3, 2, 95.0), (3, 3, 85.125),
    (4, 1, 66.0),
    (5, 2, 88.5), (5, 4, 91.0), (5, 5, 70.25),
    (7, 1, 99.5),
    (8, 3, 72.0), (8, 4, 84.333);
