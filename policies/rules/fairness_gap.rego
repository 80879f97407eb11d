package modelgate.rules.fairness_gap

import data.modelgate.lib

meta := {
	"id": "fairness-gap",
	"title": "Quality is even across slices for high-risk models",
	"severity": "high",
	"enforcement": "enforce",
	"remediation": "Reduce the gap between the best and worst slice (rebalance data, per-slice thresholds) or document an accepted exception as a waiver.",
}

max_gap := lib.param(meta.id, "max_gap", 0.1)

tiers := lib.param(meta.id, "tiers", ["high"])

findings contains f if {
	some v in input.changes.versions
	v.kind == "added"
	input.state.models[v.model].card.risk_tier in tiers
	some g in object.get(v, "slice_gaps", [])
	g.gap > max_gap
	f := {
		"message": sprintf("%s %s: %s gap across %s is %v (%s vs %s), over the limit of %v", [v.model, v.version, g.metric, g.attribute, g.gap, g.best_slice, g.worst_slice, max_gap]),
		"file": v.file, "line": v.line, "scope": {"model": v.model, "version": v.version},
	}
}
