/** Hidden markers: the identity of things modelgate writes into comment and issue bodies. */

export const SUMMARY_MARKER = "<!-- modelgate:summary -->";

const FINGERPRINT_PATTERN = /<!-- modelgate:fingerprint=([^\s>]+) -->/;

/** Fingerprints go into an HTML comment; encode what could end it. */
function encodeFingerprint(fingerprint: string): string {
  return encodeURIComponent(fingerprint);
}

export function fingerprintMarker(fingerprint: string): string {
  return `<!-- modelgate:fingerprint=${encodeFingerprint(fingerprint)} -->`;
}

/** The fingerprint hidden in a body, if any. */
export function readFingerprint(body: string | null | undefined): string | undefined {
  const match = FINGERPRINT_PATTERN.exec(body ?? "");
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/** Body as stored: the text, then the marker on its own line. */
export function withFingerprint(body: string, fingerprint: string): string {
  return `${stripFingerprint(body)}\n\n${fingerprintMarker(fingerprint)}`;
}

export function stripFingerprint(body: string | null | undefined): string {
  return (body ?? "").replace(FINGERPRINT_PATTERN, "").trimEnd();
}

/** The summary comment body: the marker on the first line (so a reply quoting it is not taken for it). */
export function withSummaryMarker(body: string): string {
  return body.startsWith(SUMMARY_MARKER) ? body : `${SUMMARY_MARKER}\n${body}`;
}

export function hasSummaryMarker(body: string | null | undefined): boolean {
  return (body ?? "").startsWith(SUMMARY_MARKER);
}

/** Normalises a team reference: `@Org/Team` → `org/team`. */
export function normaliseTeam(team: string): string {
  return team.replace(/^@/, "").toLowerCase();
}

/** Normalises a user reference: `@Alice` → `alice`. */
export function normaliseUser(user: string): string {
  return user.replace(/^@/, "").toLowerCase();
}
