import GRDB

/// The cache's schema: append-only, named migrations. Never edit a migration that has shipped;
/// add a new one.
enum CacheSchema {
    /// 'FSNC': marks a SQLite file as a fieldsync cache (`PRAGMA application_id`).
    static let applicationID: Int32 = 0x4653_4E43

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation", migrate: foundation)
        migrator.registerMigration("v2-field-service", migrate: fieldService)
        migrator.registerMigration("v3-checks", migrate: checks)
        migrator.registerMigration("v4-booking", migrate: booking)
        migrator.registerMigration("v5-reconcile", migrate: reconcile)
        return migrator
    }

    /// The number of migrations this build knows: the schema version it writes.
    static var version: Int { migrator.migrations.count }

    private static func foundation(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")

        try db.execute(
            sql: """
                CREATE TABLE sync_runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    invocation_id TEXT NOT NULL,
                    kind TEXT NOT NULL DEFAULT 'sync',
                    source TEXT NOT NULL,
                    backend TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('running', 'succeeded', 'partial', 'failed', 'abandoned')),
                    started_at DATETIME NOT NULL,
                    finished_at DATETIME,
                    horizon_start DATETIME NOT NULL,
                    horizon_end DATETIME NOT NULL,
                    technicians INTEGER NOT NULL DEFAULT 0,
                    fetched INTEGER NOT NULL DEFAULT 0,
                    inserted INTEGER NOT NULL DEFAULT 0,
                    updated INTEGER NOT NULL DEFAULT 0,
                    unchanged INTEGER NOT NULL DEFAULT 0,
                    removed INTEGER NOT NULL DEFAULT 0,
                    rejected INTEGER NOT NULL DEFAULT 0,
                    error TEXT,
                    failures TEXT NOT NULL DEFAULT '[]',
                    notes TEXT NOT NULL DEFAULT '[]',
                    host TEXT NOT NULL,
                    pid INTEGER NOT NULL,
                    fieldsync_version TEXT NOT NULL
                );
                CREATE INDEX sync_runs_by_source ON sync_runs(source, started_at);

                CREATE TABLE technicians (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    phone TEXT,
                    email TEXT,
                    skills TEXT NOT NULL DEFAULT '[]',
                    home_street TEXT, home_city TEXT, home_region TEXT, home_postal_code TEXT, home_country TEXT,
                    home_latitude REAL, home_longitude REAL,
                    time_zone TEXT,
                    active INTEGER NOT NULL DEFAULT 1,
                    daily_capacity INTEGER,
                    backend TEXT NOT NULL,
                    source TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    remote_version TEXT,
                    content_hash TEXT NOT NULL,
                    first_seen_at DATETIME NOT NULL,
                    last_seen_at DATETIME NOT NULL,
                    last_sync_run_id INTEGER REFERENCES sync_runs(id),
                    UNIQUE (source, external_id)
                );

                CREATE TABLE availability_windows (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    technician_id TEXT NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
                    starts_at DATETIME NOT NULL,
                    ends_at DATETIME NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('shift', 'time_off', 'busy', 'non_job_appointment')),
                    source_time_zone TEXT,
                    all_day INTEGER NOT NULL DEFAULT 0,
                    title TEXT,
                    status TEXT,
                    backend TEXT NOT NULL,
                    source TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    remote_version TEXT,
                    content_hash TEXT NOT NULL,
                    first_seen_at DATETIME NOT NULL,
                    last_seen_at DATETIME NOT NULL,
                    last_sync_run_id INTEGER REFERENCES sync_runs(id),
                    CHECK (ends_at >= starts_at),
                    UNIQUE (source, technician_id, external_id)
                );
                CREATE INDEX availability_by_technician_time ON availability_windows(technician_id, starts_at);

                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    customer_name TEXT, customer_phone TEXT, customer_email TEXT,
                    street TEXT, city TEXT, region TEXT, postal_code TEXT, country TEXT, latitude REAL, longitude REAL,
                    job_type TEXT,
                    required_skills TEXT NOT NULL DEFAULT '[]',
                    urgency TEXT CHECK (urgency IN ('emergency', 'urgent', 'routine')),
                    status TEXT NOT NULL,
                    summary TEXT,
                    backend TEXT NOT NULL,
                    source TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    remote_version TEXT,
                    content_hash TEXT NOT NULL,
                    first_seen_at DATETIME NOT NULL,
                    last_seen_at DATETIME NOT NULL,
                    last_sync_run_id INTEGER REFERENCES sync_runs(id),
                    UNIQUE (source, external_id)
                );

                CREATE TABLE appointments (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    job_external_id TEXT NOT NULL,
                    starts_at DATETIME NOT NULL,
                    ends_at DATETIME NOT NULL,
                    arrival_starts_at DATETIME,
                    arrival_ends_at DATETIME,
                    status TEXT NOT NULL,
                    backend TEXT NOT NULL,
                    source TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    remote_version TEXT,
                    content_hash TEXT NOT NULL,
                    first_seen_at DATETIME NOT NULL,
                    last_seen_at DATETIME NOT NULL,
                    last_sync_run_id INTEGER REFERENCES sync_runs(id),
                    CHECK (ends_at >= starts_at),
                    UNIQUE (source, external_id)
                );
                CREATE INDEX appointments_by_time ON appointments(starts_at);

                CREATE TABLE appointment_technicians (
                    appointment_id INTEGER NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
                    technician_id TEXT NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
                    PRIMARY KEY (appointment_id, technician_id)
                );
                CREATE INDEX appointment_technicians_by_technician ON appointment_technicians(technician_id);

                CREATE TABLE sync_cursors (
                    source TEXT NOT NULL,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    payload BLOB,
                    updated_at DATETIME NOT NULL,
                    sync_run_id INTEGER REFERENCES sync_runs(id),
                    PRIMARY KEY (source, key)
                );

                CREATE TABLE rejects (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    backend TEXT NOT NULL,
                    source TEXT NOT NULL,
                    record_kind TEXT NOT NULL,
                    external_id TEXT,
                    reason TEXT NOT NULL,
                    location TEXT,
                    part TEXT,
                    raw_payload TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    times_seen INTEGER NOT NULL DEFAULT 1,
                    first_seen_at DATETIME NOT NULL,
                    last_seen_at DATETIME NOT NULL,
                    first_sync_run_id INTEGER REFERENCES sync_runs(id),
                    last_sync_run_id INTEGER REFERENCES sync_runs(id),
                    resolved_at DATETIME,
                    UNIQUE (source, fingerprint)
                );
                CREATE INDEX rejects_open ON rejects(source, resolved_at);

                -- What each sync read completely: which span of which technician's schedule, from which
                -- part of which source, and when. Availability is only known inside these spans.
                CREATE TABLE coverage (
                    source TEXT NOT NULL,
                    technician_id TEXT NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
                    scope TEXT NOT NULL DEFAULT '',
                    range_start DATETIME NOT NULL,
                    range_end DATETIME NOT NULL,
                    synced_at DATETIME NOT NULL,
                    sync_run_id INTEGER REFERENCES sync_runs(id),
                    PRIMARY KEY (source, technician_id, scope)
                );
                """)
    }

    /// Field-service backends (ServiceTitan, Housecall Pro): customers and service locations,
    /// technician assignments kept as records of their own, tombstones for deleted jobs and
    /// appointments, on-call windows, and per-entity counts on runs.
    private static func fieldService(_ db: Database) throws {
        // SQLite cannot change a CHECK constraint in place: rebuild the table (GRDB runs
        // migrations with foreign keys off and checks them at the end).
        try db.execute(
            sql: """
                CREATE TABLE availability_windows_v2 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    technician_id TEXT NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
                    starts_at DATETIME NOT NULL,
                    ends_at DATETIME NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('shift', 'time_off', 'busy', 'non_job_appointment', 'on_call')),
                    source_time_zone TEXT,
                    all_day INTEGER NOT NULL DEFAULT 0,
                    title TEXT,
                    status TEXT,
                    backend TEXT NOT NULL,
                    source TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    remote_version TEXT,
                    content_hash TEXT NOT NULL,
                    first_seen_at DATETIME NOT NULL,
                    last_seen_at DATETIME NOT NULL,
                    last_sync_run_id INTEGER REFERENCES sync_runs(id),
                    CHECK (ends_at >= starts_at),
                    UNIQUE (source, technician_id, external_id)
                );
                INSERT INTO availability_windows_v2 SELECT * FROM availability_windows;
                DROP TABLE availability_windows;
                ALTER TABLE availability_windows_v2 RENAME TO availability_windows;
                CREATE INDEX availability_by_technician_time ON availability_windows(technician_id, starts_at);
                CREATE INDEX availability_by_source_external_id ON availability_windows(source, external_id);

                ALTER TABLE technicians ADD COLUMN zones TEXT NOT NULL DEFAULT '[]';

                ALTER TABLE jobs ADD COLUMN customer_external_id TEXT;
                ALTER TABLE jobs ADD COLUMN location_external_id TEXT;
                ALTER TABLE jobs ADD COLUMN trade TEXT;
                ALTER TABLE jobs ADD COLUMN vendor_job_type TEXT;
                ALTER TABLE jobs ADD COLUMN number TEXT;
                ALTER TABLE jobs ADD COLUMN deleted_at DATETIME;
                CREATE INDEX jobs_by_customer ON jobs(source, customer_external_id);
                CREATE INDEX jobs_by_location ON jobs(source, location_external_id);

                ALTER TABLE appointments ADD COLUMN assigned_separately INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE appointments ADD COLUMN deleted_at DATETIME;
                CREATE INDEX appointments_by_job ON appointments(source, job_external_id);
                CREATE INDEX rejects_by_external_id ON rejects(source, external_id);

                CREATE TABLE customers (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT, phone TEXT, email TEXT,
                    street TEXT, city TEXT, region TEXT, postal_code TEXT, country TEXT, latitude REAL, longitude REAL,
                    active INTEGER NOT NULL DEFAULT 1,
                    deleted_at DATETIME,
                    backend TEXT NOT NULL,
                    source TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    remote_version TEXT,
                    content_hash TEXT NOT NULL,
                    first_seen_at DATETIME NOT NULL,
                    last_seen_at DATETIME NOT NULL,
                    last_sync_run_id INTEGER REFERENCES sync_runs(id),
                    UNIQUE (source, external_id)
                );

                CREATE TABLE locations (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    customer_external_id TEXT,
                    name TEXT,
                    street TEXT, city TEXT, region TEXT, postal_code TEXT, country TEXT, latitude REAL, longitude REAL,
                    active INTEGER NOT NULL DEFAULT 1,
                    deleted_at DATETIME,
                    backend TEXT NOT NULL,
                    source TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    remote_version TEXT,
                    content_hash TEXT NOT NULL,
                    first_seen_at DATETIME NOT NULL,
                    last_seen_at DATETIME NOT NULL,
                    last_sync_run_id INTEGER REFERENCES sync_runs(id),
                    UNIQUE (source, external_id)
                );

                -- Assignments as the backend keeps them (ServiceTitan); appointment_technicians holds
                -- the links they make once both the appointment and the technician are cached.
                CREATE TABLE appointment_assignments (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    appointment_external_id TEXT NOT NULL,
                    technician_id TEXT NOT NULL,
                    active INTEGER NOT NULL DEFAULT 1,
                    backend TEXT NOT NULL,
                    source TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    remote_version TEXT,
                    content_hash TEXT NOT NULL,
                    first_seen_at DATETIME NOT NULL,
                    last_seen_at DATETIME NOT NULL,
                    last_sync_run_id INTEGER REFERENCES sync_runs(id),
                    UNIQUE (source, external_id)
                );
                CREATE INDEX appointment_assignments_by_appointment ON appointment_assignments(source, appointment_external_id);

                -- Deletions a paged source reported (tombstones) or implied (sweeps), applied together at
                -- the end of a run so the mass-delete brake weighs the run's deletions as a whole.
                -- They survive a run that dies: the next run applies them.
                CREATE TABLE pending_deletions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    source TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    external_id TEXT,
                    remote_version TEXT,
                    since_run INTEGER,
                    range_start DATETIME,
                    range_end DATETIME,
                    sync_run_id INTEGER REFERENCES sync_runs(id),
                    queued_at DATETIME NOT NULL,
                    CHECK ((external_id IS NULL) != (since_run IS NULL))
                );
                CREATE INDEX pending_deletions_by_record ON pending_deletions(source, entity, external_id);

                ALTER TABLE sync_runs ADD COLUMN pages INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE sync_runs ADD COLUMN entity_counts TEXT NOT NULL DEFAULT '{}';
                """)
    }

    /// Checks: findings kept across runs (first seen, last seen, resolved), a history of check
    /// runs, and the named problem of a quarantined record.
    private static func checks(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE rejects ADD COLUMN problem TEXT;

                CREATE TABLE check_runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    checked_at DATETIME NOT NULL,
                    open INTEGER NOT NULL,
                    opened INTEGER NOT NULL,
                    resolved INTEGER NOT NULL,
                    critical INTEGER NOT NULL,
                    warning INTEGER NOT NULL,
                    info INTEGER NOT NULL,
                    by_kind TEXT NOT NULL DEFAULT '{}',
                    duration_ms INTEGER NOT NULL DEFAULT 0,
                    host TEXT NOT NULL,
                    pid INTEGER NOT NULL,
                    fieldsync_version TEXT NOT NULL
                );

                -- One row per finding ever made; its id is stable across runs (kind + records), so
                -- the same double-booking found every night stays one row.
                CREATE TABLE findings (
                    id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    message TEXT NOT NULL,
                    advice TEXT NOT NULL,
                    detail TEXT,
                    technician_id TEXT,
                    starts_at DATETIME,
                    ends_at DATETIME,
                    records TEXT NOT NULL,
                    first_seen_at DATETIME NOT NULL,
                    last_seen_at DATETIME NOT NULL,
                    resolved_at DATETIME,
                    times_reopened INTEGER NOT NULL DEFAULT 0,
                    first_check_run_id INTEGER REFERENCES check_runs(id),
                    last_check_run_id INTEGER REFERENCES check_runs(id)
                );
                CREATE INDEX findings_by_state ON findings(resolved_at, first_seen_at);
                """)
    }

    /// Booking: one row per booking, which is also its outbox entry (the intent and the state of
    /// its write-through commit with the hold), and the trail of what happened to it.
    private static func booking(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE bookings (
                    id TEXT PRIMARY KEY NOT NULL,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    request_hash TEXT NOT NULL,
                    source TEXT NOT NULL,
                    backend TEXT NOT NULL,
                    technician_id TEXT NOT NULL,
                    starts_at DATETIME NOT NULL,
                    ends_at DATETIME NOT NULL,
                    state TEXT NOT NULL
                        CHECK (state IN ('held', 'writing', 'confirmed', 'failed', 'released', 'shadowed', 'expired')),
                    mode TEXT NOT NULL CHECK (mode IN ('live', 'shadow')),
                    intent TEXT NOT NULL,
                    hold_expires_at DATETIME NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at DATETIME,
                    claimed_by TEXT,
                    claimed_until DATETIME,
                    remote_job_id TEXT,
                    remote_appointment_id TEXT,
                    remote_customer_id TEXT,
                    would_send TEXT,
                    error_code TEXT,
                    last_error TEXT,
                    response TEXT,
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL,
                    finished_at DATETIME,
                    CHECK (ends_at > starts_at)
                );
                CREATE INDEX bookings_by_technician_time ON bookings(technician_id, starts_at);
                CREATE INDEX bookings_by_state ON bookings(state, next_attempt_at);
                CREATE INDEX bookings_blocking ON bookings(starts_at)
                    WHERE state IN ('held', 'writing', 'shadowed', 'confirmed');

                CREATE TABLE booking_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    booking_id TEXT NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
                    at DATETIME NOT NULL,
                    state TEXT NOT NULL,
                    detail TEXT NOT NULL
                );
                CREATE INDEX booking_events_by_booking ON booking_events(booking_id, id);
                """)
    }

    /// Reconciliation: each run with its counts (the week's trend), the differences it found, and
    /// what the backend did to a booking fieldsync made (`remote_status`: `deleted`, `canceled`).
    private static func reconcile(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE reconcile_runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    mode TEXT NOT NULL CHECK (mode IN ('repair', 'dry_run')),
                    state TEXT NOT NULL
                        CHECK (state IN ('running', 'clean', 'repaired', 'drift_found', 'incomplete', 'abandoned')),
                    started_at DATETIME NOT NULL,
                    finished_at DATETIME,
                    created INTEGER NOT NULL DEFAULT 0,
                    changed INTEGER NOT NULL DEFAULT 0,
                    deleted INTEGER NOT NULL DEFAULT 0,
                    bookings INTEGER NOT NULL DEFAULT 0,
                    over_holds INTEGER NOT NULL DEFAULT 0,
                    not_repaired INTEGER NOT NULL DEFAULT 0,
                    new_findings INTEGER NOT NULL DEFAULT 0,
                    by_source TEXT NOT NULL DEFAULT '{}',
                    not_compared TEXT NOT NULL DEFAULT '[]',
                    error TEXT,
                    host TEXT NOT NULL,
                    pid INTEGER NOT NULL,
                    fieldsync_version TEXT NOT NULL
                );
                CREATE INDEX reconcile_runs_by_start ON reconcile_runs(started_at);

                CREATE TABLE reconcile_differences (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id INTEGER NOT NULL REFERENCES reconcile_runs(id) ON DELETE CASCADE,
                    source TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    entity TEXT,
                    external_id TEXT,
                    change TEXT,
                    detail TEXT NOT NULL
                );
                CREATE INDEX reconcile_differences_by_run ON reconcile_differences(run_id);

                ALTER TABLE bookings ADD COLUMN remote_status TEXT;
                """)
    }
}
