/** The recorder's hash schemes, newest first (FORMAT.md section 3): names and words only, cheap to load. */
export const HASH_SCHEMES = ['E7', 'E6', 'E5', 'E4', 'E3', 'E2'] as const;
export type HashScheme = (typeof HASH_SCHEMES)[number];

/** Why a file made under an older scheme is not found by the current recorder. */
export const SCHEME_DESCRIPTIONS: Record<HashScheme, string> = {
  E7: 'current scheme',
  E6: 'recorded before the file_search normalisation of 2026-04-09',
  E5: 'recorded before project_id was dropped from extra_body/extra_query on 2026-03-18',
  E4: 'recorded before stream_options was dropped for bedrock on 2026-01-21',
  E3: 'raw body, recorded before the float and string normalisation of 2025-10-09',
  E2: 'the 2025 recorder: 12-hex name, no test_id, before 2025-10-04',
};

/** A scheme pinned by --hash-scheme, or `auto`: each file's by its layout (the 2025 tree E2, else E7). */
export type HashSchemeOption = HashScheme | 'auto';
