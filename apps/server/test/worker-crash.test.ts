import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBullmqQueue } from '../src/worker/bullmq-queue.ts';
import type { Redis } from 'ioredis';
import { TEST_REDIS_URL, connectTestRedis, deleteKeys, freshPrefix } from './fixtures/redis.ts';

const script = fileURLToPath(new URL('./fixtures/crash-worker.ts', import.meta.url));

/** A worker process whose stdout lines are collected. */
function startWorker(prefix: string, name: string, hangFirst: boolean) {
  const child = spawn(process.execPath, [script, TEST_REDIS_URL, prefix, name, hangFirst ? 'yes' : 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let rest = '';
  child.stdout.on('data', (d: Buffer) => {
    const parts = (rest + d.toString()).split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return { child, lines, stderr: () => stderr };
}

async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

describe('BullMQ workers in separate processes', () => {
  let redis: Redis;
  const prefix = freshPrefix('crash');
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
    if (redis) {
      await deleteKeys(redis, prefix);
      redis.disconnect();
    }
  });

  it('redelivers the job of a SIGKILLed worker to the other one; every job completes exactly once', async () => {
    const producer = createBullmqQueue({ connection: TEST_REDIS_URL, prefix, consume: false, handler: async () => undefined });
    const ids = ['j1', 'j2', 'j3', 'j4', 'j5'];
    try {
      for (const id of ids) await producer.enqueue({ kind: 'scan', scanId: id, tenantId: 't' });
    } finally {
      await producer.stop();
    }

    // A takes a job and never finishes it; B shares the rest.
    const a = startWorker(prefix, 'A', true);
    children.push(a.child);
    await until('worker A to start a job', () => a.lines.some((l) => l.startsWith('started ')));
    const victim = (a.lines.find((l) => l.startsWith('started ')) as string).split(' ')[1] as string;
    const b = startWorker(prefix, 'B', false);
    children.push(b.child);
    await until('worker B to complete a job', async () => ((await redis.call('LLEN', `${prefix}:done`)) as number) > 0);

    a.child.kill('SIGKILL');
    await exited(a.child);

    const done = async () => (await redis.call('LRANGE', `${prefix}:done`, '0', '-1')) as string[];
    await until('every job to complete', async () => (await done()).length >= ids.length);
    // Another stall check would redeliver a job still locked by the dead worker: let B run a few of them.
    await until('the victim to leave the active list', async () => ((await redis.call('LLEN', `${prefix}:vigil-scans:active`)) as number) === 0);

    const records = (await done()).map((l) => l.split(' '));
    expect(records.map((r) => r[1]).sort()).toEqual(ids);
    expect(records.every((r) => r[0] === 'B')).toBe(true);
    // The victim was delivered a second time (attempt 2), to B.
    expect(records.find((r) => r[1] === victim)).toEqual(['B', victim, '2']);
    expect(b.lines.filter((l) => l.startsWith(`started ${victim} `))).toEqual([`started ${victim} 2`]);
    const waiting = (await redis.call('LLEN', `${prefix}:vigil-scans:wait`)) as number;
    expect(waiting).toBe(0);

    b.child.kill('SIGTERM');
    await exited(b.child);
    expect(b.child.exitCode, b.stderr()).toBe(0);
  });
});
