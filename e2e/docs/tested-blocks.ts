import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The shell examples of a markdown file that promise to work: a fenced ```sh block right after a comment
 *   <!-- tested -->                      the block runs without error
 *   <!-- tested: prints TEXT -->         …and its output contains TEXT
 *   <!-- tested: fails with TEXT -->     its (one) request fails, and the answer contains TEXT
 * TEXT may be wrapped in double quotes.
 */
export interface TestedBlock {
  file: string;
  line: number;
  code: string;
  prints?: string;
  failsWith?: string;
}

const MARKER = /^<!-- tested(?::\s*(prints|fails with)\s+(.+?))?\s*-->$/;

export function testedBlocks(file: string): TestedBlock[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks: TestedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i]!.trim());
    if (!marker) continue;
    if (lines[i + 1]?.trim() !== '```sh') throw new Error(`${file}:${i + 1}: a "tested" marker must sit right above a \`\`\`sh block`);
    const end = lines.findIndex((l, j) => j > i + 1 && l.trim() === '```');
    if (end < 0) throw new Error(`${file}:${i + 2}: the block never closes`);
    let text = marker[2];
    if (text && text.length > 1 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
    blocks.push({
      file: path.basename(file),
      line: i + 2,
      code: lines.slice(i + 2, end).join('\n'),
      ...(marker[1] === 'prints' ? { prints: text } : {}),
      ...(marker[1] === 'fails with' ? { failsWith: text } : {}),
    });
    i = end;
  }
  return blocks;
}

export interface BlockResult {
  block: TestedBlock;
  output: string;
  problem: string | null;
}

/**
 * Pastes the blocks, in order, into one bash (as a reader would into one terminal) with `env` set, in an empty
 * folder. curl is made to fail on an HTTP error (showing the answer), so a request that goes wrong stops the
 * run unless the block says it fails. Returns each block's output and what was wrong with it, if anything.
 */
export function runBlocks(blocks: TestedBlock[], env: Record<string, string>, timeoutMs = 120_000): { results: BlockResult[]; stderr: string } {
  const script = [
    'set -euo pipefail',
    'curl() { command curl --show-error --fail-with-body "$@"; }',
    ...blocks.map((block, i) =>
      block.failsWith
        ? `printf '\\n@@start ${i}@@\\n'\nif (\n${block.code}\n); then printf '\\n@@succeeded ${i}@@\\n'; fi\nprintf '\\n@@end ${i}@@\\n'`
        : `printf '\\n@@start ${i}@@\\n'\n${block.code}\nprintf '\\n@@end ${i}@@\\n'`,
    ),
  ].join('\n');
  // Only what a shell needs, plus `env`: nothing of this test process leaks into the examples.
  const shellEnv: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir(), ...env };
  const run = spawnSync('bash', ['-c', script], {
    cwd: mkdtempSync(path.join(tmpdir(), 'ppa-docs-')),
    env: shellEnv as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  const stdout = run.stdout ?? '';
  const results = blocks.map((block, i): BlockResult => {
    const start = stdout.indexOf(`@@start ${i}@@`);
    const end = stdout.indexOf(`@@end ${i}@@`);
    const output = start < 0 ? '' : stdout.slice(start + `@@start ${i}@@`.length, end < 0 ? undefined : end).trim();
    let problem: string | null = null;
    if (start < 0) problem = 'never ran (an earlier block stopped the run)';
    else if (end < 0) problem = `stopped with exit code ${run.status ?? run.signal}`;
    else if (block.failsWith && output.includes(`@@succeeded ${i}@@`)) problem = 'was meant to fail, but succeeded';
    else if (block.failsWith && !output.includes(block.failsWith)) problem = `failed without "${block.failsWith}" in the answer`;
    else if (block.prints && !output.includes(block.prints)) problem = `did not print "${block.prints}"`;
    return { block, output, problem };
  });
  return { results, stderr: run.stderr ?? '' };
}
