import mongoose from 'mongoose';

/**
 * Opens the service's MongoDB connection. Commands are not buffered while disconnected, so a lost
 * database answers quickly instead of hanging for mongoose's default 10 s.
 */
export async function connectDatabase(uri: string, dbName: string): Promise<mongoose.Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    bufferCommands: false,
    serverSelectionTimeoutMS: 2000,
    autoIndex: true,
  });
  await connection.asPromise();
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
