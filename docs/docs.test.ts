import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The documentation stays whole: every link points at a file of this repository, every guide's screenshot exists
 * and is one the e2e suite retakes (e2e/docs/screenshots.spec.ts), and no shell example holds a placeholder
 * that cannot be pasted. The examples themselves run in e2e/docs/api-guide.spec.ts.
 */
const ROOT = path.join(import.meta.dirname, '..');
const GUIDES = path.join(ROOT, 'docs', 'guides');
const ROLES = ['planner', 'reviewer', 'executive', 'viewer', 'admin'];

function markdownFiles(): string[] {
  const docs = readdirSync(path.join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join('docs', f));
  return ['README.md', ...docs];
}

/** [text, target] of every markdown link and image, outside fenced code. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

describe('documentation', () => {
  it('has a guide per role, each with at least one screenshot', () => {
    for (const role of ROLES) {
      const guide = readFileSync(path.join(GUIDES, `${role}.md`), 'utf8');
      expect(guide, role).toMatch(/!\[[^\]]+\]\(images\/[a-z-]+\.png\)/);
    }
  });

  it('links only files inside the repository, and every one exists', () => {
    const problems: string[] = [];
    for (const file of markdownFiles()) {
      for (const target of linksOf(readFileSync(path.join(ROOT, file), 'utf8'))) {
        if (/^[a-z]+:/i.test(target) || target.startsWith('//')) problems.push(`${file}: ${target} leaves the repository`);
        else if (target.startsWith('#')) continue;
        else if (!existsSync(path.join(ROOT, path.dirname(file), target.split('#')[0]!))) problems.push(`${file}: ${target} does not exist`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('shows only screenshots the e2e suite retakes, and keeps none that no guide shows', () => {
    const spec = readFileSync(path.join(ROOT, 'e2e', 'docs', 'screenshots.spec.ts'), 'utf8');
    const taken = new Set([...spec.matchAll(/shoot\(\w+, '([a-z-]+)'\)/g)].map((m) => `${m[1]}.png`));
    expect(taken.size).toBeGreaterThanOrEqual(ROLES.length);
    const shown = new Set(
      ROLES.flatMap((role) => linksOf(readFileSync(path.join(GUIDES, `${role}.md`), 'utf8')))
        .filter((t) => t.startsWith('images/'))
        .map((t) => t.slice('images/'.length)),
    );
    expect([...shown].sort()).toEqual([...taken].sort());
  });

  it('has shell examples that paste as they are: no <id> or <token> to fill in', () => {
    for (const file of ['README.md', 'docs/api.md']) {
      const blocks = [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/```(?:sh|bash)\n([\s\S]*?)```/g)].map((m) => m[1]!);
      expect(blocks.length, file).toBeGreaterThan(0);
      for (const block of blocks) expect(block, file).not.toMatch(/<(id|token|ppa-?id)>/i);
    }
  });
});
