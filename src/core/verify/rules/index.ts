import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { legacyIndexPath, readLegacyIndex } from '../../legacy/legacy-index.js';
import { displayPath } from '../../sources/display-path.js';
import { defineRule, hit, type FileFacts, type Hit, type TreeRule } from '../define-rule.js';

/**
 * The 2025 layout: the recorder finds a file only through its row in `index.sqlite`. Rows
 * whose file is gone fail at replay; files without a row are never found. No index at all
 * is the E2 layout, where files are found by name, so there is nothing to compare.
 */
export const indexRule = defineRule<'index', TreeRule<'index'>>({
  name: 'index',
  scope: 'tree',
  defaultSeverity: 'error',
  formats: ['ogx'],
  description: '2025 layout: `index.sqlite` rows whose file is gone, files the index does not list',
  check(files, context) {
    const byIndex = new Map<string, FileFacts[]>();
    for (const file of files) {
      if (file.entry.layout !== 'legacy') continue;
      const indexPath = legacyIndexPath(file.entry.absPath);
      if (indexPath === null) continue;
      byIndex.set(indexPath, [...(byIndex.get(indexPath) ?? []), file]);
    }
    const hits: Hit[] = [];
    for (const [indexPath, group] of byIndex) {
      const index = readLegacyIndex(indexPath);
      if (index === null) continue;
      const indexDisplay = displayPath(indexPath, context.cwd);
      if (!index.ok) {
        hits.push(hit('index/unreadable', { reason: index.reason }, indexDisplay));
        continue;
      }
      const listed = new Set(index.rows.map((row) => row.responseFile));
      const responses = join(dirname(indexPath), 'responses');
      const present = new Set(existsSync(responses) ? readdirSync(responses) : []);
      for (const row of index.rows) {
        if (!present.has(row.responseFile)) hits.push(hit('index/missing-file', { file: `responses/${row.responseFile}` }, indexDisplay));
      }
      for (const file of group) if (!listed.has(basename(file.entry.absPath))) hits.push(hit('index/absent', {}, file.entry.path));
    }
    return hits;
  },
});
