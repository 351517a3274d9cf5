import { resolve } from 'node:path';
import { cacheFolder, openFileCache } from '../../core/cache/file-cache.js';
import { prettyPrintJson } from '../../core/json/format-json.js';
import { openRecordings } from '../../core/load/open-recording.js';
import { diskFile } from '../../core/sources/disk.js';
import type { SourceFile } from '../../core/sources/source.js';
import type { Entry } from '../../core/types.js';
import { summarizeRequest } from '../../core/load/summarize-request.js';
import type { FileFacts } from '../../core/verify/define-rule.js';
import { checkFile, checkTree, type Finding } from '../../core/verify/run-verify.js';
import { configuredChecks } from '../check-settings.js';
import type { Context } from '../context.js';
import { showRecording } from '../show-recording.js';
import { UserError } from '../errors.js';
import { clean, wrapLines } from '../format-text.js';
import { chooseHashScheme } from '../hash-scheme.js';
import { diskSourceOf, toolVersion } from '../read-paths.js';
import { renderShowHuman } from '../reporters/show.js';
import { prepareOutput } from '../sanitize.js';
import type { Detail } from './browser.js';
import type { BrowserIO } from './controller.js';
import { interactionKey, type Mark } from './state.js';

// Files done per turn of the event loop by the background jobs: keys are still answered within a few ms.
const BATCH = 20;
// Raw JSON beyond this is cut: the pane shows a screen at a time, and `show --raw` prints it all.
const MAX_RAW_CHARS = 2_000_000;
// What the filter searches of an answer: its start tells calls apart, and the cache stays small.
const ANSWER_CHARS = 2_000;

/** The browser's reads, background jobs and clipboard, on the disk under `paths`. */
export function createBrowseIO(
  entries: readonly Entry[],
  paths: readonly string[],
  context: Context,
): Omit<BrowserIO, 'render' | 'size' | 'onResize'> {
  let closed = false;
  const stopped = () => closed;
  const source = diskSourceOf(context);
  const scheme = chooseHashScheme(undefined, context, paths).option;
  const colour = context.terminal.out.level > 0;
  const files = uniqueFiles(entries, context.cwd);
  const escape = (text: string, withColour: boolean) =>
    prepareOutput(text, 'human', { colour: withColour, terminal: true }).replace(/\n$/, '').split('\n');

  return {
    paint: context.terminal.out,
    describe(entry, raw, width): Detail {
      const title = clean(entry.path);
      const file = diskFile(entry.absPath, context.cwd);
      if (raw) {
        const read = source.read(file);
        if (!read.ok) return { title, lines: [read.problem.message] };
        return { title, lines: escape(wrapLines(prettyRaw(read.text), width), false) };
      }
      try {
        // A cassette holds several calls: the one selected.
        const recording = openRecordings(source, file).find((candidate) => candidate.entry.interaction === entry.interaction);
        if (!recording) return { title, lines: ['no such interaction (the file changed since it was listed)'] };
        const shown = showRecording(recording, null, scheme, context);
        // Wrapped to the pane, each continuation indented: nothing is cut off at its right edge.
        return {
          title,
          lines: escape(wrapLines(renderShowHuman([shown], { full: false }, { ...context.terminal, columns: width }), width), colour),
        };
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        return { title, lines: escape([error.message, error.hint ?? ''].join('\n'), false) };
      }
    },
    async verify(onProgress) {
      const settings = configuredChecks(context, scheme);
      const findings: Finding[] = [];
      const facts: FileFacts[] = [];
      await inBatches(
        files,
        (file) => {
          const checked = checkFile(source, file, settings);
          findings.push(...checked.findings);
          facts.push(...checked.facts);
        },
        onProgress,
        stopped,
      );
      findings.push(...checkTree(facts, settings));
      const counts = {
        errors: findings.filter((finding) => finding.severity === 'error').length,
        warnings: findings.filter((finding) => finding.severity === 'warning').length,
      };
      return { marks: marksOf(files, findings), counts };
    },
    readAnswers(onAnswers) {
      const cache = openFileCache<string[]>(
        cacheFolder(context.cwd),
        'answers',
        paths.map((path) => resolve(context.cwd, path)),
        toolVersion(),
        '',
        'metadata',
        (value) => Array.isArray(value) && value.every((text) => typeof text === 'string'),
      );
      const answers = new Map<string, string>();
      void inBatches(
        files,
        (file) => {
          let texts = cache.lookup(file);
          if (texts === null) {
            texts = openRecordings(source, file).map((recording) => {
              // The filter searches what was asked as well as what was answered.
              const answer = recording.answer();
              const prompt = recording.envelope ? promptText(summarizeRequest(recording.envelope).messages) : '';
              return `${prompt} ${answer.ok ? answerText(answer.answer) : ''}`.trim();
            });
            cache.store(file, texts);
          }
          texts.forEach((text, interaction) => answers.set(interactionKey(file.absPath, interaction), text));
        },
        (done, total) => {
          if (done % 500 === 0 || done === total) onAnswers(new Map(answers));
        },
        stopped,
      ).then(() => cache.save());
    },
    close() {
      closed = true;
    },
    copy(text) {
      // OSC 52: the terminal puts it on the clipboard, over ssh and tmux too where allowed.
      process.stdout.write(`\u001b]52;c;${Buffer.from(text).toString('base64')}\u0007`);
      return `copied ${clean(text)} (OSC 52; if nothing was copied, the terminal does not allow it)`;
    },
  };
}

function uniqueFiles(entries: readonly Entry[], cwd: string): SourceFile[] {
  return [...new Set(entries.filter((entry) => entry.error === null || entry.bytes > 0).map((entry) => entry.absPath))].map((path) =>
    diskFile(path, cwd),
  );
}

/** Runs `work` over the files a batch per turn of the event loop, so that the screen answers keys meanwhile. */
async function inBatches(
  files: readonly SourceFile[],
  work: (file: SourceFile) => void,
  onProgress: (done: number, total: number) => void,
  stopped: () => boolean,
): Promise<void> {
  for (let at = 0; at < files.length && !stopped(); at += BATCH) {
    for (const file of files.slice(at, at + BATCH)) work(file);
    onProgress(Math.min(files.length, at + BATCH), files.length);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The worst finding of each file as a whole (`clean` without one), and of each cassette
 * interaction that has one, by interactionKey. Findings name files by their display path.
 */
function marksOf(files: readonly SourceFile[], findings: readonly Finding[]): Map<string, Mark> {
  const absPathOf = new Map(files.map((file) => [file.display, file.absPath]));
  const marks = new Map<string, Mark>(files.map((file) => [file.absPath, 'clean']));
  for (const finding of findings) {
    const absPath = absPathOf.get(finding.path);
    if (absPath === undefined) continue;
    const key = finding.interaction === undefined ? absPath : interactionKey(absPath, finding.interaction);
    if (marks.get(key) !== 'error') marks.set(key, finding.severity);
  }
  return marks;
}

/** The messages the test sent, the user's first: what a reader remembers a call by. */
function promptText(messages: ReadonlyArray<{ role: string; content: string }>): string {
  const ordered = [...messages.filter((message) => message.role === 'user'), ...messages.filter((message) => message.role !== 'user')];
  return ordered
    .map((message) => message.content)
    .join(' ')
    .slice(0, ANSWER_CHARS);
}

function answerText(answer: { text: string | null; reasoning: string | null; toolCalls: ReadonlyArray<{ name: string | null }> }): string {
  const names = answer.toolCalls.map((call) => call.name ?? '').join(' ');
  return [answer.text ?? '', names].join(' ').slice(0, ANSWER_CHARS);
}

function prettyRaw(text: string): string {
  const pretty = prettyPrintJson(text);
  if (!pretty) return text.slice(0, MAX_RAW_CHARS);
  let out = '';
  for (const piece of pretty) {
    out += piece;
    if (out.length > MAX_RAW_CHARS) return `${out.slice(0, MAX_RAW_CHARS)}\n… (cut; cassette show --raw prints it all)`;
  }
  return out;
}
