import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { displayPath } from '../../build-index.js';
import { legacyIndexPath, readLegacyIndex } from '../../legacy/legacy-index.js';
import { messages } from '../messages.js';
import type { FileFacts, TreeRule } from '../types.js';

/**
 * The 2025 layout: the recorder finds a file only through its row in `index.sqlite`. Rows
 * whose file is gone fail at replay; files without a row are never found. No index at all
 * is the E2 layout, where files are found by name, so there is nothing to compare.
 */
export const indexRule: TreeRule = {
  rule: 'index',
  check(files, options) {
    const byIndex = new Map<string, FileFacts[]>();
    for (const file of files) {
      if (file.entry.layout !== 'legacy') continue;
      const indexPath = legacyIndexPath(file.entry.absPath);
      if (indexPath === null) continue;
      byIndex.set(indexPath, [...(byIndex.get(indexPath) ?? []), file]);
    }
    const hits = [];
    for (const [indexPath, group] of byIndex) {
      const index = readLegacyIndex(indexPath);
      if (index === null) continue;
      const indexDisplay = displayPath(indexPath, options.cwd);
      if (!index.ok) {
        hits.push({ path: indexDisplay, message: messages.indexUnreadable(index.reason) });
        continue;
      }
      const listed = new Set(index.rows.map((row) => row.responseFile));
      const responses = join(dirname(indexPath), 'responses');
      const present = new Set(existsSync(responses) ? readdirSync(responses) : []);
      for (const row of index.rows) {
        if (!present.has(row.responseFile))
          hits.push({ path: indexDisplay, message: messages.indexMissingFile(`responses/${row.responseFile}`) });
      }
      for (const file of group)
        if (!listed.has(basename(file.entry.absPath))) hits.push({ path: file.entry.path, message: messages.indexAbsent() });
    }
    return hits;
  },
};
