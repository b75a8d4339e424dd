// Read by the load generators, which run without the workspace's source condition: no @anju imports here.

/** The scenario a load generator was given on its stdin. */
export async function readScenario<T>(): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}
