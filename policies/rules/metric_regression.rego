package modelgate.rules.metric_regression

import data.modelgate.lib

meta := {
	"id": "metric-regression",
	"title": "No metric regression against the version serving today",
	"severity": "high",
	"enforcement": "enforce",
	"remediation": "Improve the model, or record an accepted trade-off as a waiver approved by the risk team.",
}

tolerance := lib.param(meta.id, "tolerance", 0.02)

tolerances := lib.param(meta.id, "tolerances", {})

findings contains f if {
	some p in input.changes.placements
	p.role != "shadow"
	some d in p.metric_deltas
	limit := object.get(tolerances, d.metric, tolerance)
	d.regression > limit
	f := {
		"message": sprintf("%s %s in %s: %s %v vs %v for %s (worse by %v, tolerance %v)", [p.model, p.version, p.environment, d.metric, d.proposed, d.current, p.current_stable, d.regression, limit]),
		"file": p.file, "line": p.line,
		"scope": {"model": p.model, "version": p.version, "environment": p.environment},
	}
}
