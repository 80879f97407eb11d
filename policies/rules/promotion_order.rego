package modelgate.rules.promotion_order

import data.modelgate.lib

meta := {
	"id": "promotion-order",
	"title": "Versions are promoted in order, starting with a small canary",
	"severity": "high",
	"enforcement": "enforce",
	"remediation": "Serve the version in the promote_from environment first (merge that PR), then roll it out here as a canary at or below the configured weight.",
}

max_first_weight := lib.param(meta.id, "max_first_weight", 10)

findings contains f if {
	some p in input.changes.placements
	p.role != "shadow"
	p.promote_from
	not p.served_in_promote_from
	f := {
		"message": sprintf("%s %s is placed in %s but has not served in %s", [p.model, p.version, p.environment, p.promote_from]),
		"file": p.file, "line": p.line,
		"scope": {"model": p.model, "version": p.version, "environment": p.environment},
	}
}

findings contains f if {
	some p in input.changes.placements
	p.role != "shadow"
	p.promote_from
	p.new_to_environment
	not p.model_new_to_environment
	p.weight > max_first_weight
	f := {
		"message": sprintf("first rollout of %s %s in %s takes %v%% of traffic; the first rollout is capped at %v%%", [p.model, p.version, p.environment, p.weight, max_first_weight]),
		"file": p.file, "line": p.line,
		"scope": {"model": p.model, "version": p.version, "environment": p.environment},
		"remediation": sprintf("Start with a canary of at most %v%% (role: canary) and raise it in a later PR.", [max_first_weight]),
	}
}
