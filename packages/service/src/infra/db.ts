import mongoose from 'mongoose';

export interface DatabaseOptions {
  /**
   * How long any one step of an operation may wait on the database before failing (then 503
   * DB_UNAVAILABLE): finding the server, connecting, waiting for a pooled connection, and each round trip.
   */
  readonly timeoutMS?: number;
  /** The earlier name of `timeoutMS`; still honoured. */
  readonly serverSelectionTimeoutMS?: number;
}

/** While the connection is down, how often requests may ask the driver to look for the server again. */
const PROBE_INTERVAL_MS = 500;

/** When the database last answered anything, and when a request last asked the driver to look again. */
interface Liveness {
  lastAnswerAt: number;
  lastProbeAt: number;
  /** When a request found the database silent; cleared by the next answer. */
  silentSince: number;
}
const LIVENESS = new WeakMap<mongoose.Connection, Liveness>();

/**
 * Notes every answer from the server: a heartbeat, or an operation that gave its connection back to the
 * pool in working order (one closed on the way back, e.g. after a socket timeout, got no answer). Driver
 * events only: command monitoring would decode every reply twice.
 */
function watchAnswers(connection: mongoose.Connection): void {
  const liveness: Liveness = { lastAnswerAt: Date.now(), lastProbeAt: 0, silentSince: 0 };
  LIVENESS.set(connection, liveness);
  const client = connection.getClient();
  const closedNow = new Set<unknown>();
  client.on('serverHeartbeatSucceeded', () => {
    liveness.lastAnswerAt = Date.now();
  });
  client.on('connectionCheckedIn', (event: { connectionId: unknown }) => {
    const at = Date.now();
    // The pool destroys a broken connection right after checking it in, in the same tick.
    queueMicrotask(() => {
      if (!closedNow.has(event.connectionId)) liveness.lastAnswerAt = Math.max(liveness.lastAnswerAt, at);
    });
  });
  client.on('connectionClosed', (event: { connectionId: unknown }) => {
    closedNow.add(event.connectionId);
    setImmediate(() => closedNow.delete(event.connectionId));
  });
}

/** Has the database answered anything (an operation, a heartbeat) within the last `ms`? */
export function databaseAnsweredWithin(connection: mongoose.Connection, ms: number): boolean {
  const liveness = LIVENESS.get(connection);
  return liveness === undefined || Date.now() - liveness.lastAnswerAt < ms;
}

/**
 * Records that a request waited on the database and got no answer at all (see the request deadline in
 * infra/http/pipeline.ts): until the database answers again, requests are answered 503 at once.
 */
export function markDatabaseSilent(connection: mongoose.Connection): void {
  const liveness = LIVENESS.get(connection);
  if (liveness !== undefined) liveness.silentSince = Date.now();
}

/** Was the database found silent, with no answer since? */
export function databaseKnownSilent(connection: mongoose.Connection): boolean {
  const liveness = LIVENESS.get(connection);
  return liveness !== undefined && liveness.silentSince > liveness.lastAnswerAt;
}

/**
 * While the connection is down (or known silent) no request reaches the driver, which would look for the server again only
 * at its next heartbeat (10 s). A cheap ping, at most every PROBE_INTERVAL_MS, makes it look now: the
 * service is back within about a second of the database.
 */
export function probeDatabase(connection: mongoose.Connection): void {
  const liveness = LIVENESS.get(connection);
  const now = Date.now();
  if (liveness === undefined || connection.db === undefined || now - liveness.lastProbeAt < PROBE_INTERVAL_MS)
    return;
  liveness.lastProbeAt = now;
  connection.db
    .admin()
    .ping()
    .catch(() => undefined);
}

/**
 * Opens the service's MongoDB connection. Commands are not buffered while disconnected, so a lost
 * database answers quickly instead of hanging for mongoose's default 10 s. A database that accepts
 * connections but never answers (a network black hole) is bounded too: the driver's socket, connect and
 * wait-queue timeouts default to "wait forever" / 30 s, so each is set to `timeoutMS`. Query filters are
 * sanitised (a user `$`-object becomes an `$eq` value) as a second line behind the zod schemas.
 */
export async function connectDatabase(
  uri: string,
  dbName: string,
  options: DatabaseOptions = {},
): Promise<mongoose.Connection> {
  const connection = openDatabase(uri, dbName, options);
  await connection.asPromise();
  return connection;
}

/** The same connection without waiting for it (tests of an unreachable database). */
export function openDatabase(
  uri: string,
  dbName: string,
  options: DatabaseOptions = {},
): mongoose.Connection {
  const timeoutMS = options.timeoutMS ?? options.serverSelectionTimeoutMS ?? 1500;
  const connection = mongoose.createConnection(uri, {
    dbName,
    bufferCommands: false,
    serverSelectionTimeoutMS: timeoutMS,
    connectTimeoutMS: timeoutMS,
    socketTimeoutMS: timeoutMS,
    waitQueueTimeoutMS: timeoutMS,
    autoIndex: true,
  });
  connection.set('sanitizeFilter', true);
  watchAnswers(connection);
  return connection;
}

/** Is the database answering right now? */
export async function isDatabaseReady(connection: mongoose.Connection): Promise<boolean> {
  if (connection.readyState !== mongoose.ConnectionStates.connected || connection.db === undefined) {
    probeDatabase(connection);
    return false;
  }
  try {
    await connection.db.admin().ping({ maxTimeMS: 1000 });
    return true;
  } catch {
    return false;
  }
}

/** Options every schema of the service uses: unknown paths in writes and filters throw. */
export const SCHEMA_OPTIONS = {
  strict: 'throw',
  strictQuery: 'throw',
  versionKey: false,
  timestamps: true,
} as const;

/** Marks one of the service's own operator objects as trusted, so `sanitizeFilter` leaves it alone. */
export function op<T extends object>(operators: T): T {
  return mongoose.trusted<T>(operators);
}
