// What a new passphrase must be before it is sent (the Rust side checks the length again).

/** The shortest passphrase the Rust side accepts. */
export const MIN_PASSPHRASE = 10;

export type PassphraseProblem = "short" | "mismatch";

/** What is wrong with a new passphrase and its confirmation, or null. */
export function passphraseProblem(passphrase: string, confirmation: string): PassphraseProblem | null {
  if ([...passphrase].length < MIN_PASSPHRASE) return "short";
  if (passphrase !== confirmation) return "mismatch";
  return null;
}
