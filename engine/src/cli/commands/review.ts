import { resolve } from "node:path";
import { LocalForge, type Review } from "../../forge/index.js";
import { ExitCode, parseCommandArgs, UsageError, type CliIo, type Command } from "../command.js";

const help = `Usage: modelgate review BRANCH (--approve | --request-changes | --comment | --dismiss REVIEWER) --as NAME
                        [--body B] [--repo DIR]

Reviews a change request of the local forge. The review is a JSON line in the git notes ref
refs/notes/modelgate/reviews on the change request's current head commit, so it travels with the
repository (git push origin 'refs/notes/modelgate/*'). A review on an older head commit goes stale
when the branch moves (approvals.dismiss_stale, default true). See docs/approvals.md.

Options:
  --approve             approve the current head commit
  --request-changes     block the change until you approve it
  --comment             comment only (does not replace an earlier approval)
  --dismiss REVIEWER    dismiss REVIEWER's latest review (--body gives the reason)
  --as NAME             who reviews (default: git config user.name)
  --body B              the review text
  --repo DIR            the registry repo (default: the current folder)
  -h, --help            show this help

Example:
  modelgate review promote-stockout-1.1.0 --approve --as carol
`;

export const reviewCommand: Command = {
  name: "review",
  summary: "approve, request changes on, comment on or dismiss a review of a change request (local forge)",
  help,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      approve: { type: "boolean" },
      "request-changes": { type: "boolean" },
      comment: { type: "boolean" },
      dismiss: { type: "string" },
      as: { type: "string" },
      body: { type: "string" },
      repo: { type: "string" },
    });
    const [branch, ...rest] = positionals;
    if (!branch) throw new UsageError("which branch? e.g. modelgate review my-branch --approve --as carol");
    if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
    const chosen = [
      values.approve ? "APPROVED" : undefined,
      values["request-changes"] ? "CHANGES_REQUESTED" : undefined,
      values.comment ? "COMMENTED" : undefined,
      values.dismiss !== undefined ? "DISMISSED" : undefined,
    ].filter((s): s is Review["state"] => s !== undefined);
    if (chosen.length !== 1)
      throw new UsageError("give exactly one of --approve, --request-changes, --comment, --dismiss");
    const forge = new LocalForge({ repo: resolve(io.cwd, values.repo ?? "."), env: io.env });
    const reviewer = (values.as ?? (await forge.configuredUser()))?.replace(/^@/, "");
    if (!reviewer) throw new UsageError("who is reviewing? give --as NAME (or set git config user.name)");
    const state = chosen[0] as Review["state"];
    if (state === "DISMISSED") {
      const dismissed = await forge.dismissReview(
        branch,
        values.dismiss as string,
        values.body ?? `dismissed by ${reviewer}`,
      );
      io.stdout(`dismissed ${dismissed.reviewer}'s review of ${branch}\n`);
      return ExitCode.ok;
    }
    const review = await forge.submitReview(branch, {
      reviewer,
      state,
      ...(values.body !== undefined ? { body: values.body } : {}),
    });
    io.stdout(`${review.reviewer}: ${review.state} on ${branch} at ${review.commit.slice(0, 12)}\n`);
    return ExitCode.ok;
  },
};
