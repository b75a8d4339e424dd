import mongoose from 'mongoose';

export interface DatabaseOptions {
  /** How long an operation waits for an unreachable server before failing (then 503 DB_UNAVAILABLE). */
  readonly serverSelectionTimeoutMS?: number;
}

/**
 * Opens the service's MongoDB connection. Commands are not buffered while disconnected, so a lost
 * database answers quickly instead of hanging for mongoose's default 10 s; query filters are sanitised
 * (a user `$`-object becomes an `$eq` value) as a second line behind the zod schemas.
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
  const connection = mongoose.createConnection(uri, {
    dbName,
    bufferCommands: false,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 1500,
    autoIndex: true,
  });
  connection.set('sanitizeFilter', true);
  return connection;
}

/** Is the database answering right now? */
export async function isDatabaseReady(connection: mongoose.Connection): Promise<boolean> {
  if (connection.readyState !== mongoose.ConnectionStates.connected || connection.db === undefined)
    return false;
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
