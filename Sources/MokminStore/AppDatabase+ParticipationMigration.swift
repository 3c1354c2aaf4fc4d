import Foundation
import GRDB

extension AppDatabase {
    /// Citizen participation (issue 15): residents verified from a roster or a one-time code, their sessions, policy
    /// votes, participatory-budgeting rounds and citizen proposals.
    ///
    /// **Ballot secrecy is a property of this schema.** A ballot (`pollBallot`, `pbBallot`) carries no resident, no
    /// time and no sequence: its key is 16 random bytes in a `WITHOUT ROWID` table, so neither a column nor the storage
    /// order ties it to the "has voted" row (`pollParticipation`, `pbParticipation`), which carries the resident and
    /// nothing about the choice. The only resident column on a ballot is `pollBallot.residentID`, which a trigger
    /// refuses unless the poll was declared named (open) at creation. What a ballot keeps of its voter is the 읍면동 and
    /// the age band its results are broken down by.
    static func migrateParticipation(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE resident (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  source TEXT NOT NULL CHECK (source IN ('roster', 'code')),
                  -- Roster residents: HMAC-SHA-256 of the city's identifier under this installation's secret salt (hex).
                  identifierHash TEXT UNIQUE CHECK (identifierHash IS NULL OR length(identifierHash) = 64),
                  emdCode TEXT NOT NULL CHECK (emdCode GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
                  birthYear INTEGER CHECK (birthYear BETWEEN 1900 AND 2200),
                  ageBand INTEGER CHECK (ageBand IN (0, 10, 20, 30, 40, 50, 60, 70)),
                  rosterBatch TEXT,
                  isDemo BOOLEAN NOT NULL DEFAULT 0,
                  createdAt DATETIME NOT NULL,
                  verifiedAt DATETIME,
                  CHECK (birthYear IS NOT NULL OR ageBand IS NOT NULL),
                  CHECK ((source = 'roster') = (identifierHash IS NOT NULL))
                );
                CREATE INDEX resident_emdCode ON resident(emdCode);
                -- One-time codes the city prints or sends: stored as the SHA-256 of the code, used once.
                CREATE TABLE residentCode (
                  codeHash TEXT PRIMARY KEY CHECK (length(codeHash) = 64),
                  batch TEXT NOT NULL CHECK (length(trim(batch)) BETWEEN 1 AND 100),
                  emdCode TEXT NOT NULL CHECK (emdCode GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
                  birthYear INTEGER CHECK (birthYear BETWEEN 1900 AND 2200),
                  ageBand INTEGER CHECK (ageBand IN (0, 10, 20, 30, 40, 50, 60, 70)),
                  issuedAt DATETIME NOT NULL,
                  expiresAt DATETIME NOT NULL,
                  usedAt DATETIME,
                  residentID INTEGER REFERENCES resident(id) ON DELETE SET NULL,
                  isDemo BOOLEAN NOT NULL DEFAULT 0,
                  CHECK (birthYear IS NOT NULL OR ageBand IS NOT NULL),
                  CHECK (expiresAt > issuedAt)
                ) WITHOUT ROWID;
                CREATE INDEX residentCode_batch ON residentCode(batch);
                -- What the built-in code sender "sent": the server log and this table, shown on the admin page.
                CREATE TABLE residentCodeMessage (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  batch TEXT NOT NULL,
                  recipient TEXT NOT NULL CHECK (length(recipient) BETWEEN 1 AND 200),
                  body TEXT NOT NULL,
                  sentAt DATETIME NOT NULL
                );
                CREATE TABLE residentSession (
                  idHash TEXT PRIMARY KEY,
                  residentID INTEGER NOT NULL REFERENCES resident(id) ON DELETE CASCADE,
                  csrfToken TEXT NOT NULL,
                  expiresAt DATETIME NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX residentSession_expiresAt ON residentSession(expiresAt);

                CREATE TABLE poll (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  question TEXT NOT NULL CHECK (length(trim(question)) BETWEEN 1 AND 300),
                  description TEXT NOT NULL CHECK (length(description) <= 10000),
                  multipleChoice BOOLEAN NOT NULL,
                  maxChoices INTEGER NOT NULL CHECK (maxChoices BETWEEN 1 AND 20),
                  opensAt DATETIME NOT NULL,
                  closesAt DATETIME NOT NULL,
                  minAge INTEGER NOT NULL DEFAULT 0 CHECK (minAge BETWEEN 0 AND 120),
                  liveResults BOOLEAN NOT NULL,
                  isNamed BOOLEAN NOT NULL DEFAULT 0,
                  answerThreshold INTEGER CHECK (answerThreshold BETWEEN 1 AND 100000000),
                  answer TEXT CHECK (answer IS NULL OR length(trim(answer)) BETWEEN 1 AND 10000),
                  answeredAt DATETIME,
                  answeredBy TEXT,
                  createdBy TEXT NOT NULL,
                  isDemo BOOLEAN NOT NULL DEFAULT 0,
                  createdAt DATETIME NOT NULL,
                  CHECK (closesAt > opensAt),
                  CHECK (multipleChoice OR maxChoices = 1),
                  CHECK ((answer IS NULL) = (answeredAt IS NULL))
                );
                CREATE TABLE pollArea (
                  pollID INTEGER NOT NULL REFERENCES poll(id) ON DELETE CASCADE,
                  emdCode TEXT NOT NULL,
                  PRIMARY KEY (pollID, emdCode)
                ) WITHOUT ROWID;
                CREATE TABLE pollOption (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  pollID INTEGER NOT NULL REFERENCES poll(id) ON DELETE CASCADE,
                  position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 50),
                  label TEXT NOT NULL CHECK (length(trim(label)) BETWEEN 1 AND 200),
                  UNIQUE (pollID, position),
                  UNIQUE (pollID, label)
                );
                -- "Has voted": who, never what. The primary key is the one-vote rule.
                CREATE TABLE pollParticipation (
                  pollID INTEGER NOT NULL REFERENCES poll(id) ON DELETE CASCADE,
                  residentID INTEGER NOT NULL REFERENCES resident(id) ON DELETE CASCADE,
                  PRIMARY KEY (pollID, residentID)
                ) WITHOUT ROWID;
                -- The ballot: what, never who (unless the poll is named).
                CREATE TABLE pollBallot (
                  id BLOB PRIMARY KEY CHECK (length(id) = 16),
                  pollID INTEGER NOT NULL REFERENCES poll(id) ON DELETE CASCADE,
                  emdCode TEXT NOT NULL,
                  ageBand INTEGER NOT NULL CHECK (ageBand IN (0, 10, 20, 30, 40, 50, 60, 70)),
                  residentID INTEGER REFERENCES resident(id) ON DELETE SET NULL
                ) WITHOUT ROWID;
                CREATE INDEX pollBallot_pollID ON pollBallot(pollID, emdCode);
                CREATE TRIGGER pollBallot_secret BEFORE INSERT ON pollBallot
                  WHEN NEW.residentID IS NOT NULL AND NOT (SELECT isNamed FROM poll WHERE id = NEW.pollID)
                  BEGIN SELECT RAISE(ABORT, 'a secret poll''s ballot names no resident'); END;
                CREATE TRIGGER pollBallot_secret_update BEFORE UPDATE OF residentID ON pollBallot
                  WHEN NEW.residentID IS NOT NULL AND NOT (SELECT isNamed FROM poll WHERE id = NEW.pollID)
                  BEGIN SELECT RAISE(ABORT, 'a secret poll''s ballot names no resident'); END;
                CREATE TABLE pollBallotChoice (
                  ballotID BLOB NOT NULL REFERENCES pollBallot(id) ON DELETE CASCADE,
                  optionID INTEGER NOT NULL REFERENCES pollOption(id) ON DELETE CASCADE,
                  PRIMARY KEY (ballotID, optionID)
                ) WITHOUT ROWID;
                CREATE INDEX pollBallotChoice_optionID ON pollBallotChoice(optionID);

                CREATE TABLE pbRound (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 300),
                  description TEXT NOT NULL CHECK (length(description) <= 10000),
                  phase TEXT NOT NULL CHECK (phase IN ('proposals', 'review', 'voting', 'results', 'implementation')),
                  ballotKind TEXT NOT NULL CHECK (ballotKind IN ('approval', 'cumulative', 'ordinal', 'choose-1')),
                  rule TEXT NOT NULL CHECK (rule IN ('greedy', 'mes', 'mes-add1', 'mes-add1-greedy', 'mes-step')),
                  minProjects INTEGER NOT NULL DEFAULT 0 CHECK (minProjects BETWEEN 0 AND 100),
                  maxProjects INTEGER CHECK (maxProjects BETWEEN 1 AND 100),
                  maxCost INTEGER CHECK (maxCost BETWEEN 1 AND 1000000000000000),
                  maxPoints INTEGER CHECK (maxPoints BETWEEN 1 AND 1000),
                  maxPointsPerProject INTEGER CHECK (maxPointsPerProject BETWEEN 1 AND 1000),
                  minAge INTEGER NOT NULL DEFAULT 0 CHECK (minAge BETWEEN 0 AND 120),
                  votingOpensAt DATETIME NOT NULL,
                  votingClosesAt DATETIME NOT NULL,
                  createdBy TEXT NOT NULL,
                  isDemo BOOLEAN NOT NULL DEFAULT 0,
                  createdAt DATETIME NOT NULL,
                  CHECK (votingClosesAt > votingOpensAt),
                  CHECK (maxProjects IS NULL OR maxProjects >= minProjects),
                  CHECK (ballotKind <> 'cumulative' OR maxPoints IS NOT NULL)
                );
                -- A district (a group of 읍면동) with its own budget; the city-wide pot has no areas and every resident votes in it.
                CREATE TABLE pbDistrict (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  roundID INTEGER NOT NULL REFERENCES pbRound(id) ON DELETE CASCADE,
                  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
                  budget INTEGER NOT NULL CHECK (budget BETWEEN 1 AND 1000000000000000),
                  isCityWide BOOLEAN NOT NULL DEFAULT 0,
                  UNIQUE (roundID, name)
                );
                CREATE UNIQUE INDEX pbDistrict_cityWide ON pbDistrict(roundID) WHERE isCityWide;
                CREATE TABLE pbDistrictArea (
                  districtID INTEGER NOT NULL REFERENCES pbDistrict(id) ON DELETE CASCADE,
                  emdCode TEXT NOT NULL,
                  PRIMARY KEY (districtID, emdCode)
                ) WITHOUT ROWID;
                CREATE TABLE proposal (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  residentID INTEGER REFERENCES resident(id) ON DELETE SET NULL,
                  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
                  body TEXT NOT NULL CHECK (length(trim(body)) BETWEEN 1 AND 10000),
                  category TEXT NOT NULL CHECK (length(trim(category)) BETWEEN 1 AND 50),
                  emdCode TEXT,
                  photo BLOB CHECK (photo IS NULL OR length(photo) <= 5242880),
                  photoType TEXT CHECK (photoType IS NULL OR photoType IN ('image/jpeg', 'image/png', 'image/webp')),
                  status TEXT NOT NULL CHECK (status IN ('pending', 'published', 'merged', 'rejected')),
                  mergedInto INTEGER REFERENCES proposal(id) ON DELETE SET NULL,
                  reason TEXT,
                  supportThreshold INTEGER CHECK (supportThreshold BETWEEN 1 AND 100000000),
                  supportClosesAt DATETIME,
                  answer TEXT CHECK (answer IS NULL OR length(trim(answer)) BETWEEN 1 AND 10000),
                  answeredAt DATETIME,
                  answeredBy TEXT,
                  moderatedBy TEXT,
                  isDemo BOOLEAN NOT NULL DEFAULT 0,
                  createdAt DATETIME NOT NULL,
                  publishedAt DATETIME,
                  CHECK ((photo IS NULL) = (photoType IS NULL)),
                  CHECK ((status = 'merged') = (mergedInto IS NOT NULL)),
                  CHECK (status <> 'rejected' OR length(trim(reason)) >= 1),
                  CHECK (mergedInto IS NULL OR mergedInto <> id),
                  CHECK ((answer IS NULL) = (answeredAt IS NULL))
                );
                CREATE INDEX proposal_status ON proposal(status, createdAt);
                CREATE TABLE proposalSupport (
                  proposalID INTEGER NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
                  residentID INTEGER NOT NULL REFERENCES resident(id) ON DELETE CASCADE,
                  supportedAt DATETIME NOT NULL,
                  PRIMARY KEY (proposalID, residentID)
                ) WITHOUT ROWID;
                CREATE TABLE pbProject (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  roundID INTEGER NOT NULL REFERENCES pbRound(id) ON DELETE CASCADE,
                  districtID INTEGER NOT NULL REFERENCES pbDistrict(id) ON DELETE CASCADE,
                  code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 40 AND code NOT GLOB '*[;,]*'),
                  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
                  description TEXT NOT NULL CHECK (length(description) <= 10000),
                  category TEXT NOT NULL DEFAULT '',
                  emdCode TEXT,
                  proposedCost INTEGER NOT NULL CHECK (proposedCost BETWEEN 1 AND 1000000000000000),
                  cost INTEGER CHECK (cost BETWEEN 1 AND 1000000000000000),
                  feasibility TEXT NOT NULL DEFAULT 'pending' CHECK (feasibility IN ('pending', 'feasible', 'infeasible')),
                  reviewNote TEXT NOT NULL DEFAULT '',
                  reviewedBy TEXT,
                  proposalID INTEGER REFERENCES proposal(id) ON DELETE SET NULL,
                  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
                  isDemo BOOLEAN NOT NULL DEFAULT 0,
                  UNIQUE (roundID, code),
                  CHECK (feasibility <> 'feasible' OR cost IS NOT NULL),
                  CHECK (feasibility <> 'infeasible' OR length(trim(reviewNote)) >= 1)
                );
                CREATE INDEX pbProject_districtID ON pbProject(districtID);
                CREATE TABLE pbProjectMilestone (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  projectID INTEGER NOT NULL REFERENCES pbProject(id) ON DELETE CASCADE,
                  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
                  dueDay TEXT NOT NULL CHECK (dueDay GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
                  doneDay TEXT CHECK (doneDay GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
                );
                CREATE TABLE pbParticipation (
                  roundID INTEGER NOT NULL REFERENCES pbRound(id) ON DELETE CASCADE,
                  residentID INTEGER NOT NULL REFERENCES resident(id) ON DELETE CASCADE,
                  PRIMARY KEY (roundID, residentID)
                ) WITHOUT ROWID;
                -- One ballot per district the resident voted in (their own and the city-wide pot); no resident, no time.
                CREATE TABLE pbBallot (
                  id BLOB PRIMARY KEY CHECK (length(id) = 16),
                  roundID INTEGER NOT NULL REFERENCES pbRound(id) ON DELETE CASCADE,
                  districtID INTEGER NOT NULL REFERENCES pbDistrict(id) ON DELETE CASCADE,
                  emdCode TEXT NOT NULL,
                  ageBand INTEGER NOT NULL CHECK (ageBand IN (0, 10, 20, 30, 40, 50, 60, 70))
                ) WITHOUT ROWID;
                CREATE INDEX pbBallot_districtID ON pbBallot(districtID);
                -- Approval and choose-1: points 1; cumulative: the points given; ordinal: the rank (1 = first choice).
                CREATE TABLE pbBallotEntry (
                  ballotID BLOB NOT NULL REFERENCES pbBallot(id) ON DELETE CASCADE,
                  projectID INTEGER NOT NULL REFERENCES pbProject(id) ON DELETE CASCADE,
                  points INTEGER NOT NULL CHECK (points BETWEEN 1 AND 1000),
                  PRIMARY KEY (ballotID, projectID)
                ) WITHOUT ROWID;
                -- The outcome computed when the round moved to results: the rule's answer and its explanation (JSON).
                CREATE TABLE pbResult (
                  districtID INTEGER PRIMARY KEY REFERENCES pbDistrict(id) ON DELETE CASCADE,
                  roundID INTEGER NOT NULL REFERENCES pbRound(id) ON DELETE CASCADE,
                  rule TEXT NOT NULL,
                  ballots INTEGER NOT NULL,
                  outcome TEXT NOT NULL,
                  computedAt DATETIME NOT NULL
                );
                """)
        // The secret salt of roster identifier hashes, made once with the schema (so that two servers never make two).
        var generator = SystemRandomNumberGenerator()
        let salt = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
        try db.execute(sql: "INSERT OR IGNORE INTO setting (key, value) VALUES ('participation.salt', ?)", arguments: [salt])
    }

    /// A poll's counts kept as ballots are cast (issue 15's 100,000-vote goal): votes per option, 읍면동 and age band, and
    /// ballots per 읍면동 and age band, updated in the casting transaction, so results and turnout read a few hundred
    /// rows instead of every ballot. Counts say nothing of who voted. Filled from the ballots already cast.
    static func migratePollTallies(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE pollTally (
                  pollID INTEGER NOT NULL REFERENCES poll(id) ON DELETE CASCADE,
                  optionID INTEGER NOT NULL REFERENCES pollOption(id) ON DELETE CASCADE,
                  emdCode TEXT NOT NULL,
                  ageBand INTEGER NOT NULL,
                  votes INTEGER NOT NULL CHECK (votes >= 0),
                  PRIMARY KEY (pollID, optionID, emdCode, ageBand)
                ) WITHOUT ROWID;
                CREATE TABLE pollTurnout (
                  pollID INTEGER NOT NULL REFERENCES poll(id) ON DELETE CASCADE,
                  emdCode TEXT NOT NULL,
                  ageBand INTEGER NOT NULL,
                  ballots INTEGER NOT NULL CHECK (ballots >= 0),
                  PRIMARY KEY (pollID, emdCode, ageBand)
                ) WITHOUT ROWID;
                INSERT INTO pollTally (pollID, optionID, emdCode, ageBand, votes)
                  SELECT b.pollID, c.optionID, b.emdCode, b.ageBand, COUNT(*) FROM pollBallot b JOIN pollBallotChoice c ON c.ballotID = b.id
                  GROUP BY b.pollID, c.optionID, b.emdCode, b.ageBand;
                INSERT INTO pollTurnout (pollID, emdCode, ageBand, ballots)
                  SELECT pollID, emdCode, ageBand, COUNT(*) FROM pollBallot GROUP BY pollID, emdCode, ageBand;
                """)
    }
}
