-- The same schema as school.sql with other data, to catch answers that only fit one database.
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

INSERT INTO teachers VALUES (1, 'Mr. Smith', 'Math'), (2, 'Ms. Jones', 'Science');

INSERT INTO students VALUES
    (1, 'Kim', 10, 'Boston', 1),
    (2, 'Lee', 11, 'Denver', 2),
    (3, 'Max', 10, 'Austin', 1),
    (4, 'Ned', 12, 'Boston', 2),
    (5, 'Oda', 11, 'Austin', 1);

INSERT INTO courses VALUES (1, 'Algebra', 4, 'Math'), (2, 'Biology', 3, 'Science');

INSERT INTO enrollments VALUES (1, 1, 70.0), (2, 1, 80.5), (3, 2, 90.0), (4, 2, 60.25);
