import Foundation
import ProctorCore
import ProctorRun
import ProctorSQL

/// A generated school database, up to 100 SQL cases on it, and many distinct responses with known right answers.
struct SchoolWorkload {
    /// A response and the outcome a correct grader gives it.
    struct Response {
        var caseIndex: Int
        var text: String
        var expected: Verdict.Outcome
    }

    var script: String
    var students: Int
    var enrollments: Int
    var cases: [Case]
    var responses: [Response]

    /// Deterministic pseudo-random numbers (an LCG), so every run grades the same workload.
    private struct Generator {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Most cases a workload can have.
    static var caseLimit: Int { specs.count }

    /// `neighbours` is each case's `neighbours` setting (0: off).
    init(fixture: URL, students: Int = 2_000, samplesPerCase: Int = 400, caseCount: Int = 12, neighbours: Int) {
        var random = Generator(state: 42)
        let cities = ["Boston", "Denver", "Austin", "Chicago", "Seattle", "Miami", "Portland", "Atlanta"]
        let names = ["Alice", "Bob", "Carol", "Dave", "Eve", "Frank", "Grace", "Heidi", "Ivan", "Judy", "Ken", "Liz"]
        let depts = ["Math", "Science", "History", "Art", "Languages"]
        var lines = [
            "BEGIN TRANSACTION;",
            "CREATE TABLE teachers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, dept TEXT);",
            "CREATE TABLE students (id INTEGER PRIMARY KEY, name TEXT NOT NULL, grade INTEGER, city TEXT, advisor_id INTEGER REFERENCES teachers (id));",
            "CREATE TABLE courses (id INTEGER PRIMARY KEY, title TEXT NOT NULL UNIQUE, credits INTEGER, dept TEXT);",
            "CREATE TABLE enrollments (student_id INTEGER REFERENCES students (id), course_id INTEGER REFERENCES courses (id), score REAL, PRIMARY KEY (student_id, course_id));",
        ]
        for id in 1...40 {
            lines.append("INSERT INTO teachers VALUES (\(id), 'Teacher \(id)', '\(depts[id % depts.count])');")
        }
        for id in 1...60 {
            lines.append("INSERT INTO courses VALUES (\(id), 'Course \(id)', \(1 + id % 4), '\(depts[id % depts.count])');")
        }
        var enrolled = 0
        for id in 1...students {
            let city = random.next(10) == 0 ? "NULL" : "'\(cities[random.next(cities.count)])'"
            let advisor = random.next(8) == 0 ? "NULL" : String(1 + random.next(38))
            lines.append(
                "INSERT INTO students VALUES (\(id), '\(names[random.next(names.count)]) \(id)', \(9 + random.next(4)), \(city), \(advisor));")
            var courses = Set<Int>()
            for _ in 0..<random.next(7) { courses.insert(1 + random.next(58)) }
            for course in courses.sorted() {
                let score = Double(40_000 + random.next(60_001)) / 1000
                lines.append("INSERT INTO enrollments VALUES (\(id), \(course), \(score));")
                enrolled += 1
            }
        }
        lines.append("COMMIT;")
        script = lines.joined(separator: "\n") + "\n"
        self.students = students
        enrollments = enrolled

        let location = SourceLocation(file: "bench.yaml")
        let specs = Array(Self.specs.prefix(caseCount))
        cases = specs.enumerated().map { index, spec in
            Case(
                id: "q\(index + 1)", pattern: .sql, prompt: spec.prompt,
                check: SQLCheck(databases: [fixture], gold: spec.gold, neighbours: neighbours),
                location: SourceLocation(file: location.file, line: index + 1))
        }
        responses = []
        for sample in 0..<samplesPerCase {
            for (index, spec) in specs.enumerated() {
                let variants: [(String, Verdict.Outcome)] =
                    spec.right.map { ($0, .pass) } + spec.wrong.map { ($0, .fail) } + spec.broken.map { ($0, .error) }
                let (sql, outcome) = variants[(sample + index) % variants.count]
                // Every text is distinct (the sample and case numbers are in it), as a model's answers would be.
                let text =
                    switch sample % 4 {
                    case 0: "```sql\n\(sql);\n```\nAnswer \(sample) to q\(index + 1)."
                    case 1: "Here is the query:\n\n```\n\(sql)\n```\n\nIt answers question \(index + 1) (try \(sample))."
                    case 2: "The query is: \(sql.replacingOccurrences(of: "\n", with: " ")); (answer \(sample), q\(index + 1))"
                    default: "```SQL\n-- answer \(sample) to q\(index + 1)\n\(sql)\n```"
                    }
                responses.append(Response(caseIndex: index, text: text, expected: outcome))
            }
        }
    }

    private struct Spec {
        var prompt: String
        var gold: String
        var right: [String]
        var wrong: [String]
        var broken: [String]
    }

    /// The twelve hand-written cases, then parameterised families up to 100.
    private static let specs: [Spec] = handWritten + families

    private static let families: [Spec] = {
        let cities = ["Boston", "Denver", "Austin", "Chicago", "Seattle", "Miami", "Portland", "Atlanta"]
        let depts = ["Math", "Science", "History", "Art", "Languages"]
        var specs: [Spec] = []
        // Boston is a hand-written case already.
        for city in cities.dropFirst() {
            specs.append(Spec(
                prompt: "Students living in \(city), by name.",
                gold: "SELECT name FROM students WHERE city = '\(city)' ORDER BY name",
                right: ["SELECT name FROM students WHERE city IN ('\(city)') ORDER BY 1"],
                wrong: ["SELECT name FROM students WHERE city = '\(city)' ORDER BY id"],
                broken: ["SELECT name FROM students WHERE town = '\(city)'"]))
        }
        for grade in 9...12 {
            specs.append(Spec(
                prompt: "How many students are in grade \(grade)?",
                gold: "SELECT COUNT(*) FROM students WHERE grade = \(grade)",
                right: ["SELECT COUNT(id) FROM students WHERE grade BETWEEN \(grade) AND \(grade)"],
                wrong: ["SELECT COUNT(*) FROM students WHERE grade <> \(grade)"],
                broken: ["SELECT COUNT(*) FROM student WHERE grade = \(grade)"]))
            specs.append(Spec(
                prompt: "Students per city in grade \(grade).",
                gold: "SELECT city, COUNT(*) FROM students WHERE grade = \(grade) GROUP BY city",
                right: ["SELECT city, COUNT(1) FROM students WHERE grade = \(grade) GROUP BY 1"],
                wrong: ["SELECT city, COUNT(city) FROM students WHERE grade = \(grade) GROUP BY city"],
                broken: ["DELETE FROM students WHERE grade = \(grade)"]))
        }
        for top in 3...10 {
            specs.append(Spec(
                prompt: "The \(top) best students by average score, best first.",
                gold: """
                    SELECT s.name, AVG(e.score) AS a FROM students s JOIN enrollments e ON e.student_id = s.id
                    GROUP BY s.id ORDER BY a DESC LIMIT \(top)
                    """,
                right: ["SELECT s.name, ROUND(AVG(e.score), 2) FROM students s JOIN enrollments e ON e.student_id = s.id GROUP BY s.id ORDER BY AVG(e.score) DESC LIMIT \(top)"],
                wrong: ["SELECT s.name, AVG(e.score) FROM students s JOIN enrollments e ON e.student_id = s.id GROUP BY s.id ORDER BY 2 LIMIT \(top)"],
                broken: ["SELECT CONCAT(s.name, '!') FROM students s LIMIT \(top)"]))
        }
        for courses in 1...6 {
            specs.append(Spec(
                prompt: "Students taking more than \(courses) courses.",
                gold: "SELECT student_id FROM enrollments GROUP BY student_id HAVING COUNT(*) > \(courses)",
                right: ["SELECT s.id FROM students s WHERE (SELECT COUNT(*) FROM enrollments e WHERE e.student_id = s.id) > \(courses)"],
                wrong: ["SELECT student_id FROM enrollments GROUP BY student_id HAVING COUNT(*) >= \(courses)"],
                broken: ["SELECT student_id FROM enrollments GROUP BY student_id HAVING"]))
        }
        for dept in depts {
            specs.append(Spec(
                prompt: "Courses of the \(dept) department, by title.",
                gold: "SELECT title FROM courses WHERE dept = '\(dept)' ORDER BY title",
                right: ["SELECT c.title FROM courses c WHERE c.dept IN ('\(dept)') ORDER BY 1"],
                wrong: ["SELECT title FROM courses WHERE dept = '\(dept)' ORDER BY title DESC"],
                broken: ["SELECT title FROM course WHERE dept = '\(dept)'"]))
            specs.append(Spec(
                prompt: "Teachers of the \(dept) department by number of advisees, most first, ties by name.",
                gold: """
                    SELECT t.name, COUNT(s.id) AS n FROM teachers t LEFT JOIN students s ON s.advisor_id = t.id
                    WHERE t.dept = '\(dept)' GROUP BY t.id ORDER BY n DESC, t.name
                    """,
                right: ["SELECT t.name, (SELECT COUNT(*) FROM students s WHERE s.advisor_id = t.id) AS n FROM teachers t WHERE t.dept = '\(dept)' ORDER BY n DESC, t.name"],
                wrong: ["SELECT t.name, COUNT(s.id) AS n FROM teachers t LEFT JOIN students s ON s.advisor_id = t.id WHERE t.dept = '\(dept)' GROUP BY t.id ORDER BY n, t.name"],
                broken: ["SELECT t.name FROM teachers t WHERE t.dept = '\(dept)' ORDER BY advisees DESC"]))
        }
        for threshold in [95, 96, 97, 98, 99] {
            specs.append(Spec(
                prompt: "Students who scored above \(threshold) in some course.",
                gold: "SELECT DISTINCT student_id FROM enrollments WHERE score > \(threshold)",
                right: ["SELECT s.id FROM students s WHERE EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = s.id AND e.score > \(threshold))"],
                wrong: ["SELECT student_id FROM enrollments WHERE score > \(threshold)"],
                broken: ["SELECT DISTINCT student FROM enrollments WHERE score > \(threshold)"]))
        }
        var course = 1
        while specs.count < 88 {
            specs.append(Spec(
                prompt: "Average score in course \(course).",
                gold: "SELECT AVG(score) FROM enrollments WHERE course_id = \(course)",
                right: ["SELECT SUM(score) / COUNT(score) FROM enrollments WHERE course_id = \(course)"],
                wrong: ["SELECT AVG(score) FROM enrollments WHERE course_id <> \(course)"],
                broken: ["SELECT AVG(scores) FROM enrollments WHERE course_id = \(course)"]))
            course += 1
        }
        return specs
    }()

    private static let handWritten: [Spec] = [
        Spec(
            prompt: "How many students are in each grade?",
            gold: "SELECT grade, COUNT(*) FROM students GROUP BY grade",
            right: ["SELECT COUNT(*) AS n, grade FROM students GROUP BY grade", "SELECT grade, COUNT(id) FROM students GROUP BY 1"],
            wrong: ["SELECT grade, COUNT(city) FROM students GROUP BY grade"],
            broken: ["SELECT grade, COUNT(*) FROM student GROUP BY grade"]),
        Spec(
            prompt: "The five best students by average score, best first.",
            gold: """
                SELECT s.name, AVG(e.score) AS avg_score FROM students s JOIN enrollments e ON e.student_id = s.id
                GROUP BY s.id ORDER BY avg_score DESC LIMIT 5
                """,
            right: [
                "SELECT s.name, ROUND(AVG(e.score), 2) FROM students s JOIN enrollments e ON e.student_id = s.id GROUP BY s.id ORDER BY AVG(e.score) DESC LIMIT 5"
            ],
            wrong: [
                "SELECT s.name, AVG(e.score) FROM students s JOIN enrollments e ON e.student_id = s.id GROUP BY s.id ORDER BY 2 LIMIT 5"
            ],
            broken: ["SELECT CONCAT(s.name, '!') FROM students s LIMIT 5"]),
        Spec(
            prompt: "Courses nobody is enrolled in.",
            gold: "SELECT title FROM courses c WHERE NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.course_id = c.id)",
            right: ["SELECT c.title FROM courses c LEFT JOIN enrollments e ON e.course_id = c.id WHERE e.course_id IS NULL"],
            wrong: ["SELECT title FROM courses WHERE id IN (SELECT course_id FROM enrollments)"],
            broken: ["DROP TABLE courses"]),
        Spec(
            prompt: "Average score per department.",
            gold: "SELECT c.dept, AVG(e.score) FROM courses c JOIN enrollments e ON e.course_id = c.id GROUP BY c.dept",
            right: ["SELECT c.dept, ROUND(AVG(e.score), 2) FROM enrollments e JOIN courses c ON c.id = e.course_id GROUP BY 1"],
            wrong: ["SELECT c.dept, ROUND(AVG(e.score), 0) FROM enrollments e JOIN courses c ON c.id = e.course_id GROUP BY 1"],
            broken: ["SELECT dept, AVG(score) FROM courses GROUP BY dept"]),
        Spec(
            prompt: "Students who take no course.",
            gold: "SELECT name FROM students s WHERE NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = s.id)",
            right: ["SELECT s.name FROM students s LEFT JOIN enrollments e ON e.student_id = s.id WHERE e.student_id IS NULL"],
            wrong: ["SELECT s.name FROM students s JOIN enrollments e ON e.student_id = s.id WHERE e.score IS NULL"],
            broken: ["SELECT name FROM students WHERE"]),
        Spec(
            prompt: "Number of students per city, including unknown cities.",
            gold: "SELECT city, COUNT(*) FROM students GROUP BY city",
            right: ["SELECT city, COUNT(1) FROM students GROUP BY city"],
            wrong: ["SELECT city, COUNT(city) FROM students GROUP BY city"],
            broken: ["DELETE FROM students"]),
        Spec(
            prompt: "Teachers by number of advisees, most first, ties by name.",
            gold: """
                SELECT t.name, COUNT(s.id) AS n FROM teachers t LEFT JOIN students s ON s.advisor_id = t.id
                GROUP BY t.id ORDER BY n DESC, t.name
                """,
            right: [
                "SELECT t.name, (SELECT COUNT(*) FROM students s WHERE s.advisor_id = t.id) AS n FROM teachers t ORDER BY n DESC, t.name"
            ],
            wrong: ["SELECT t.name, COUNT(*) AS n FROM teachers t LEFT JOIN students s ON s.advisor_id = t.id GROUP BY t.id ORDER BY n DESC, t.name"],
            broken: ["SELECT t.name FROM teachers t ORDER BY advisees DESC"]),
        Spec(
            prompt: "Students living in Boston, by name.",
            gold: "SELECT name FROM students WHERE city = 'Boston' ORDER BY name",
            right: ["SELECT name FROM students WHERE city IN ('Boston') ORDER BY 1"],
            wrong: ["SELECT name FROM students WHERE city = 'Boston' ORDER BY id"],
            broken: ["PRAGMA table_info(students)"]),
        Spec(
            prompt: "Total credits taken by each student who takes any course.",
            gold: "SELECT e.student_id, SUM(c.credits) FROM enrollments e JOIN courses c ON c.id = e.course_id GROUP BY e.student_id",
            right: ["SELECT s.id, SUM(c.credits) FROM students s JOIN enrollments e ON e.student_id = s.id JOIN courses c ON c.id = e.course_id GROUP BY s.id"],
            wrong: ["SELECT e.student_id, COUNT(*) FROM enrollments e GROUP BY e.student_id"],
            broken: ["SELECT student_id, SUM(credits) FROM enrollments GROUP BY student_id"]),
        Spec(
            prompt: "The distinct cities students live in.",
            gold: "SELECT DISTINCT city FROM students WHERE city IS NOT NULL",
            right: ["SELECT city FROM students WHERE city IS NOT NULL GROUP BY city"],
            wrong: ["SELECT DISTINCT city FROM students"],
            broken: ["SELECT DISTINCT town FROM students"]),
        Spec(
            prompt: "Best score in each course, with the course title.",
            gold: "SELECT c.title, MAX(e.score) FROM courses c JOIN enrollments e ON e.course_id = c.id GROUP BY c.id",
            right: ["SELECT c.title, (SELECT MAX(score) FROM enrollments WHERE course_id = c.id) AS best FROM courses c WHERE c.id IN (SELECT course_id FROM enrollments)"],
            wrong: ["SELECT c.title, MIN(e.score) FROM courses c JOIN enrollments e ON e.course_id = c.id GROUP BY c.id"],
            broken: ["SELECT title, MAX(score) FROM courses c JOIN enrollments e ON e.course_id = c.id GROUP BY c.id HAVING"]),
        Spec(
            prompt: "Courses by number of enrolments, most first.",
            gold: "SELECT c.title, COUNT(*) AS n FROM courses c JOIN enrollments e ON e.course_id = c.id GROUP BY c.id ORDER BY n DESC",
            right: ["SELECT c.title, COUNT(*) FROM enrollments e JOIN courses c ON e.course_id = c.id GROUP BY c.title ORDER BY 2 DESC, 1 DESC"],
            wrong: ["SELECT c.title, COUNT(*) FROM enrollments e JOIN courses c ON e.course_id = c.id GROUP BY c.title ORDER BY 2, 1"],
            broken: ["SELECT title, COUNT(*) FROM courses JOIN enrollments GROUP BY title ORDER BY n"]),
    ]
}
