package modelgate.rules.metric_floor

import data.modelgate.lib

meta := {
	"id": "metric-floor",
	"title": "Metrics meet the floor of the model's risk tier",
	"severity": "high",
	"enforcement": "enforce",
	"remediation": "Only register or place versions whose evaluation metrics meet the risk tier's floors (policy.rules.metric-floor.params).",
}

# tier -> metric -> minimum (higher is better) / maximum (lower is better)
floors := lib.param(meta.id, "floors", {"high": {"accuracy": 0.8}, "medium": {"accuracy": 0.7}})

ceilings := lib.param(meta.id, "ceilings", {})

checked contains [v.model, v.version, v.file, v.line] if {
	some v in input.changes.versions
	v.kind == "added"
}

checked contains [p.model, p.version, p.file, p.line] if {
	some p in input.changes.placements
	p.role != "shadow"
}

findings contains f if {
	some [model, version, file, line] in checked
	tier := input.state.models[model].card.risk_tier
	some metric, minimum in object.get(floors, tier, {})
	value := lib.version_data(model, version).metrics[metric]
	value < minimum
	f := {
		"message": sprintf("%s %s: %s %v is below the %s-risk floor of %v", [model, version, metric, value, tier, minimum]),
		"file": file, "line": line, "scope": {"model": model, "version": version},
	}
}

findings contains f if {
	some [model, version, file, line] in checked
	tier := input.state.models[model].card.risk_tier
	some metric, maximum in object.get(ceilings, tier, {})
	value := lib.version_data(model, version).metrics[metric]
	value > maximum
	f := {
		"message": sprintf("%s %s: %s %v is above the %s-risk ceiling of %v", [model, version, metric, value, tier, maximum]),
		"file": file, "line": line, "scope": {"model": model, "version": version},
	}
}
