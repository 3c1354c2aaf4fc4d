import GRDB

extension AppDatabase {
    /// The innovation plan (issue 14): departments and their members, plans → areas → tasks → milestones and
    /// indicators, indicator values computed per dataset version, period reports with their review history and evidence,
    /// the government's evaluation with the tasks serving it, and the best-practice library.
    static func migratePlan(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE department (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 100),
                  planningOffice BOOLEAN NOT NULL DEFAULT 0,
                  createdAt DATETIME NOT NULL
                );
                ALTER TABLE user ADD COLUMN departmentID INTEGER REFERENCES department(id) ON DELETE SET NULL;
                CREATE INDEX user_departmentID ON user(departmentID);

                CREATE TABLE plan (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
                  organisation TEXT NOT NULL CHECK (length(trim(organisation)) BETWEEN 1 AND 100),
                  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 300),
                  vision TEXT NOT NULL,
                  isDemo BOOLEAN NOT NULL DEFAULT 0,
                  createdAt DATETIME NOT NULL,
                  UNIQUE (year, organisation)
                );
                CREATE TABLE planArea (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  planID INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
                  position INTEGER NOT NULL CHECK (position >= 1),
                  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
                  UNIQUE (planID, title)
                );
                CREATE TABLE planTask (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  planID INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
                  areaID INTEGER NOT NULL REFERENCES planArea(id) ON DELETE CASCADE,
                  code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
                  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 300),
                  departmentID INTEGER NOT NULL REFERENCES department(id),
                  manager TEXT NOT NULL,
                  description TEXT NOT NULL,
                  startDay TEXT NOT NULL CHECK (startDay GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
                  endDay TEXT NOT NULL CHECK (endDay GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND endDay >= startDay),
                  budget INTEGER CHECK (budget >= 0),
                  isDemo BOOLEAN NOT NULL DEFAULT 0,
                  UNIQUE (planID, code)
                );
                CREATE INDEX planTask_departmentID ON planTask(departmentID);
                CREATE TABLE planMilestone (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  taskID INTEGER NOT NULL REFERENCES planTask(id) ON DELETE CASCADE,
                  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
                  dueDay TEXT NOT NULL CHECK (dueDay GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
                  doneDay TEXT CHECK (doneDay GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
                );
                CREATE INDEX planMilestone_taskID ON planMilestone(taskID);
                CREATE TABLE planIndicator (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  taskID INTEGER NOT NULL REFERENCES planTask(id) ON DELETE CASCADE,
                  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
                  unit TEXT NOT NULL,
                  baseline REAL NOT NULL,
                  target REAL NOT NULL,
                  direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
                  weight REAL NOT NULL CHECK (weight > 0 AND weight <= 1000),
                  datasetSlug TEXT,
                  query TEXT,
                  UNIQUE (taskID, name),
                  CHECK ((direction = 'higher' AND target >= baseline) OR (direction = 'lower' AND target <= baseline)),
                  CHECK ((datasetSlug IS NULL) = (query IS NULL))
                );
                CREATE INDEX planIndicator_datasetSlug ON planIndicator(datasetSlug);
                -- Values computed from one dataset version: kept per version, so a figure can be traced to its data.
                CREATE TABLE planIndicatorValue (
                  indicatorID INTEGER NOT NULL REFERENCES planIndicator(id) ON DELETE CASCADE,
                  datasetVersionID INTEGER NOT NULL REFERENCES datasetVersion(id) ON DELETE CASCADE,
                  period TEXT NOT NULL CHECK (length(period) BETWEEN 4 AND 7),
                  value REAL NOT NULL,
                  computedAt DATETIME NOT NULL,
                  PRIMARY KEY (indicatorID, datasetVersionID, period)
                );
                CREATE TABLE planReport (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  taskID INTEGER NOT NULL REFERENCES planTask(id) ON DELETE CASCADE,
                  period TEXT NOT NULL CHECK (length(period) BETWEEN 4 AND 7),
                  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
                  narrative TEXT NOT NULL,
                  issues TEXT NOT NULL,
                  nextSteps TEXT NOT NULL,
                  updatedAt DATETIME NOT NULL,
                  updatedBy TEXT,
                  UNIQUE (taskID, period)
                );
                -- Values of hand-entered indicators, typed in a report.
                CREATE TABLE planReportValue (
                  reportID INTEGER NOT NULL REFERENCES planReport(id) ON DELETE CASCADE,
                  indicatorID INTEGER NOT NULL REFERENCES planIndicator(id) ON DELETE CASCADE,
                  value REAL NOT NULL,
                  PRIMARY KEY (reportID, indicatorID)
                );
                CREATE TABLE planReportEvent (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  reportID INTEGER NOT NULL REFERENCES planReport(id) ON DELETE CASCADE,
                  action TEXT NOT NULL CHECK (action IN ('save', 'submit', 'accept', 'return')),
                  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
                  comment TEXT NOT NULL,
                  actor TEXT,
                  at DATETIME NOT NULL
                );
                CREATE INDEX planReportEvent_reportID ON planReportEvent(reportID);
                CREATE TABLE planEvidence (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  reportID INTEGER NOT NULL REFERENCES planReport(id) ON DELETE CASCADE,
                  fileName TEXT NOT NULL CHECK (length(fileName) BETWEEN 1 AND 255),
                  contentType TEXT NOT NULL,
                  size INTEGER NOT NULL CHECK (size BETWEEN 0 AND 10485760),
                  data BLOB NOT NULL,
                  uploadedBy TEXT,
                  uploadedAt DATETIME NOT NULL
                );
                CREATE INDEX planEvidence_reportID ON planEvidence(reportID);

                CREATE TABLE evaluationFramework (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 1900 AND 2200),
                  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 300)
                );
                CREATE TABLE evaluationArea (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  frameworkID INTEGER NOT NULL REFERENCES evaluationFramework(id) ON DELETE CASCADE,
                  position INTEGER NOT NULL,
                  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
                  UNIQUE (frameworkID, title)
                );
                CREATE TABLE evaluationIndicator (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  areaID INTEGER NOT NULL REFERENCES evaluationArea(id) ON DELETE CASCADE,
                  frameworkID INTEGER NOT NULL REFERENCES evaluationFramework(id) ON DELETE CASCADE,
                  position INTEGER NOT NULL,
                  code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
                  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 300),
                  points REAL NOT NULL CHECK (points >= 0 AND points <= 1000),
                  evidence TEXT NOT NULL,
                  UNIQUE (frameworkID, code)
                );
                CREATE TABLE planTaskEvaluation (
                  taskID INTEGER NOT NULL REFERENCES planTask(id) ON DELETE CASCADE,
                  evaluationIndicatorID INTEGER NOT NULL REFERENCES evaluationIndicator(id) ON DELETE CASCADE,
                  PRIMARY KEY (taskID, evaluationIndicatorID)
                );

                CREATE TABLE bestPractice (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 300),
                  problem TEXT NOT NULL,
                  action TEXT NOT NULL,
                  result TEXT NOT NULL,
                  departmentID INTEGER NOT NULL REFERENCES department(id),
                  contact TEXT NOT NULL,
                  tags TEXT NOT NULL,
                  taskID INTEGER REFERENCES planTask(id) ON DELETE SET NULL,
                  createdAt DATETIME NOT NULL,
                  isDemo BOOLEAN NOT NULL DEFAULT 0
                );
                """)
    }
}
