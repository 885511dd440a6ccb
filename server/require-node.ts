// Imported first by server/main.ts: a start on an unsupported Node.js stops here in one line, before any
// module that needs a newer Node is evaluated.
import { nodeVersionRefusal } from './lib/node-version';

const refusal = nodeVersionRefusal(process.versions.node);
if (refusal) {
  process.stderr.write(`${refusal}\n`);
  process.exit(1);
}
