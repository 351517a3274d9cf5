import type { Reporter } from './index.js';
import { locatedMessage } from './located-message.js';

// GitHub workflow commands: data escapes %, CR and LF; property values also ':' and ','.
const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One `::error` / `::warning` annotation per finding, shown on the file in the pull request; the title is its code. */
export const renderGithub: Reporter = (result) =>
  result.findings
    .map(
      (finding) =>
        `::${finding.severity} file=${escapeProperty(finding.path)}${finding.line === undefined ? '' : `,line=${finding.line}`},title=${escapeProperty(`cassette ${finding.code}`)}::${escapeData(locatedMessage(finding))}\n`,
    )
    .join('');
