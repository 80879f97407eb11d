import { parse as parseYaml } from "yaml";
import {
  describeApprovalGap,
  findMissingApprovals,
  resolveChangeRequest,
  type ApprovalGap,
  type ApprovalRequirements,
  type ResolvedChangeRequest,
} from "../../approvals/index.js";
import type { ChangeRequestId } from "../port.js";
import type { LocalForge } from "./local-forge.js";

export interface LocalApprovalStatus {
  changeRequest: ResolvedChangeRequest;
  requirements: ApprovalRequirements;
  gap: ApprovalGap;
  /** One line per missing approval or blocking review. */
  reasons: string[];
  /** `approvals.dismiss_stale` as read from modelgate.yaml on the base. */
  dismissStale: boolean;
}

/**
 * The approval rules the local forge applies before a merge when no policy decision is asked for:
 * every changed path with code owners needs one of them, and one approval in all — two when a changed
 * model's card says `risk_tier: high` (at the head).
 */
export async function localApprovalStatus(
  forge: LocalForge,
  id: ChangeRequestId,
): Promise<LocalApprovalStatus> {
  const cr = await forge.getChangeRequest(id);
  const config = await forge.readConfig(cr.base.sha);
  const approvals = config?.approvals as { dismiss_stale?: unknown } | undefined;
  const dismissStale = approvals?.dismiss_stale !== false;
  const teams = Object.keys(await forge.teams());
  const resolved = await resolveChangeRequest(forge, cr.number, { dismissStale, teams });
  const models = new Set(
    resolved.changedFiles.map((f) => /^models\/([^/]+)\//.exec(f.path)?.[1]).filter((m): m is string => !!m),
  );
  let highRisk = false;
  for (const model of models) {
    const text = await forge.readFile(cr.head.sha, `models/${model}/model.yaml`);
    const card = text === undefined ? undefined : (parseYaml(text) as { risk_tier?: unknown } | null);
    if (card?.risk_tier === "high") highRisk = true;
  }
  const requirements: ApprovalRequirements = { codeOwners: true, minApprovals: highRisk ? 2 : 1 };
  const gap = findMissingApprovals(resolved.approvals, requirements, {
    author: resolved.author,
    changedPaths: resolved.changedFiles.map((f) => f.path),
    codeOwners: resolved.codeOwners.entries,
    teamMembers: await forge.teams(),
  });
  return { changeRequest: resolved, requirements, gap, reasons: describeApprovalGap(gap), dismissStale };
}
