// Prints the sha256 of the key-sorted OpenAPI document (and its length): equal hashes before and after a
// refactoring mean the published REST API did not change. Run: npx tsx scripts/openapi-hash.ts
import { createHash } from 'node:crypto';
import { openApiDocument } from '../server/http/rest-handler';

function keySorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keySorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, keySorted((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

const json = JSON.stringify(keySorted(openApiDocument('http://localhost')));
process.stdout.write(`${createHash('sha256').update(json).digest('hex')} ${json.length}\n`);
