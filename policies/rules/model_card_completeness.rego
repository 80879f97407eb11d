package modelgate.rules.model_card_completeness

import data.modelgate.lib

meta := {
	"id": "model-card-completeness",
	"title": "High-risk model cards are complete",
	"severity": "medium",
	"enforcement": "enforce",
	"remediation": "Fill in intended_use, limitations and human_oversight in model.yaml and slice_metrics in each new version.",
}

required_fields := lib.param(meta.id, "required_fields", ["intended_use", "limitations", "human_oversight"])

tiers := lib.param(meta.id, "tiers", ["high"])

findings contains f if {
	some model, card in lib.touched_cards
	card.risk_tier in tiers
	some field in required_fields
	trim_space(object.get(card, field, "")) == ""
	f := {
		"message": sprintf("model card of %s-risk model %s has no %s", [card.risk_tier, model, field]),
		"file": sprintf("models/%s/model.yaml", [model]), "line": 1, "scope": {"model": model},
	}
}

findings contains f if {
	some v in input.changes.versions
	v.kind == "added"
	input.state.models[v.model].card.risk_tier in tiers
	count(object.get(lib.version_data(v.model, v.version), "slice_metrics", {})) == 0
	f := {
		"message": sprintf("%s %s of a high-risk model has no slice_metrics", [v.model, v.version]),
		"file": v.file, "line": v.line, "scope": {"model": v.model, "version": v.version},
	}
}
