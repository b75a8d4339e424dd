// What a test needs to reach the run's real servers, each test with its own database and queue names.
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined)
    throw new Error(`${name} is not set: run the tests through mocha (test/fixtures/global.ts)`);
  return value;
}

export const testMongoUri = (): string => required('ANJU_TEST_MONGODB_URI');
export const testRedisUrl = (): string => required('ANJU_TEST_REDIS_URL');

/** A name no other test uses, for a database, a queue or a key prefix. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** A mongoose connection to a fresh database; `drop()` removes the database and closes the connection. */
export async function openTestDatabase(): Promise<{
  connection: mongoose.Connection;
  drop(): Promise<void>;
}> {
  const connection = mongoose.createConnection(testMongoUri(), {
    dbName: uniqueName('anju_test'),
    serverSelectionTimeoutMS: 5000,
  });
  await connection.asPromise();
  return {
    connection,
    async drop() {
      await connection.dropDatabase();
      await connection.close();
    },
  };
}
