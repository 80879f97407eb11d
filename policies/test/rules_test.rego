# One passing and one failing input per built-in rule, through the aggregated decision.
package modelgate.test.rules

import data.modelgate.main
import data.modelgate.test.fixtures as fx

decide(patch) := d if {
	d := main.decision with input as fx.with_patch(patch)
}

denies(patch, rule) if rule in fx.denied(decide(patch))

allows(patch, rule) if not rule in fx.denied(decide(patch))

placed(extra) := {"changes": {"placements": [object.union(fx.placement, extra)]}}

version_with(extra) := {"state": {"models": {"stockout-risk": {"versions": {"1.1.0": object.union(fx.version_data, extra)}}}}}

# ---- schema-validity
test_schema_validity if {
	allows({}, "schema-validity")
	d := decide({"registry": {"valid": false, "errors": [{"file": "models/x/model.yaml", "line": 3, "column": 1, "pointer": "/risk_tier", "code": "enum", "message": "must be low, medium or high"}]}})
	[v] := [v | some v in d.violations; v.rule == "schema-validity"]
	v.file == "models/x/model.yaml"
	v.line == 3
}

# ---- version-immutability
test_version_immutability if {
	allows({}, "version-immutability")
	edited := object.union(fx.new_version, {"kind": "changed", "immutable_edit": true, "edits": [{"pointer": "/artifact/sha256", "line": 5}]})
	d := decide({"changes": {"versions": [edited]}})
	some v in d.violations
	v.rule == "version-immutability"
	v.line == 5
}

# ---- artifact-integrity
test_artifact_integrity_sha if {
	allows({}, "artifact-integrity")
	denies(version_with({"artifact": {"sha256": "abc"}}), "artifact-integrity")
}

test_artifact_integrity_store if denies(version_with({"artifact": {"uri": "s3://bucket/model.onnx"}}), "artifact-integrity")

test_artifact_integrity_size if {
	denies(version_with({"artifact": {"size": 104857601}}), "artifact-integrity")
	allows(object.union(version_with({"artifact": {"size": 104857601}}), {"settings": {"rules": {"artifact-integrity": {"params": {"max_size_bytes": 209715200}}}}}), "artifact-integrity")
}

test_artifact_integrity_engine_facts if {
	denies({"facts": {"artifacts": [{"model": "stockout-risk", "version": "1.1.0", "ok": false, "problem": "sha256 mismatch", "file": "f", "line": 4}]}}, "artifact-integrity")
	allows({"facts": {"artifacts": [{"model": "stockout-risk", "version": "1.1.0", "ok": true, "problem": "", "file": "f", "line": 4}]}}, "artifact-integrity")
}

# ---- promotion-order
test_promotion_order_requires_staging if {
	allows({}, "promotion-order")
	denies(placed({"served_in_promote_from": false}), "promotion-order")
	allows(placed({"served_in_promote_from": false, "role": "shadow"}), "promotion-order")
}

test_promotion_order_caps_first_rollout if {
	denies(placed({"weight": 50}), "promotion-order")
	allows(object.union(placed({"weight": 50}), {"settings": {"rules": {"promotion-order": {"params": {"max_first_weight": 50}}}}}), "promotion-order")
	allows(placed({"weight": 50, "new_to_environment": false}), "promotion-order")
	allows(placed({"weight": 100, "model_new_to_environment": true}), "promotion-order")
}

# ---- metric-regression
regressed := placed({"metric_deltas": [{"metric": "mae", "proposed": 5.5, "current": 5, "delta": 0.5, "higher_is_better": false, "regression": 0.5}]})

test_metric_regression if {
	allows({}, "metric-regression")
	denies(regressed, "metric-regression")
	allows(object.union(regressed, {"settings": {"rules": {"metric-regression": {"params": {"tolerances": {"mae": 1}}}}}}), "metric-regression")
}

# ---- metric-floor
test_metric_floor if {
	allows({}, "metric-floor")
	denies(version_with({"metrics": {"accuracy": 0.79}}), "metric-floor")
	allows(object.union(version_with({"metrics": {"accuracy": 0.79}}), {"state": {"models": {"stockout-risk": {"card": {"risk_tier": "low"}}}}}), "metric-floor")
}

# ---- fairness-gap
test_fairness_gap if {
	allows({}, "fairness-gap")
	wide := object.union(fx.new_version, {"slice_gaps": [{"attribute": "store_format", "metric": "accuracy", "gap": 0.12, "best_slice": "street", "worst_slice": "mall"}]})
	denies({"changes": {"versions": [wide]}}, "fairness-gap")
	allows({"changes": {"versions": [wide]}, "state": {"models": {"stockout-risk": {"card": {"risk_tier": "medium"}}}}}, "fairness-gap")
}

# ---- contract-compatibility
contract_change(extra) := {"changes": {"contracts": [object.union(
	{
		"name": "stockout-risk", "kind": "changed", "mode": "BACKWARD", "from_version": "1.0.0", "to_version": "1.1.0",
		"version_bump": "minor", "compatible": false, "breaking_count": 1, "consumer_owners": ["@retail/planning"],
		"field_changes": [{"direction": "input", "field": "on_hand_units", "change": "range_narrowed", "detail": "[0, 5000] -> [0, 1000]", "backward_ok": false, "forward_ok": true, "compatible": false, "file": "contracts/stockout-risk.yaml", "line": 9}],
		"changed_pointers": ["/inputs/0/max"], "file": "contracts/stockout-risk.yaml", "line": 9,
	},
	extra,
)]}}

test_contract_compatibility_needs_major if {
	allows(contract_change({"compatible": true, "breaking_count": 0, "field_changes": []}), "contract-compatibility")
	d := decide(contract_change({}))
	msgs := [v.message | some v in d.violations; v.rule == "contract-compatibility"]
	count(msgs) == 2 # not major + no consumer approval
}

test_contract_compatibility_major_with_consumer_approval if {
	patch := object.union(contract_change({"version_bump": "major", "to_version": "2.0.0"}), {"approvals": [
		{"reviewer": "bob", "state": "APPROVED", "teams": [], "commit": "abc", "valid": true},
		{"reviewer": "carol", "state": "APPROVED", "teams": [], "commit": "abc", "valid": true},
		{"reviewer": "erin", "state": "APPROVED", "teams": ["retail/planning"], "commit": "abc", "valid": true},
	]})
	allows(patch, "contract-compatibility")
	denies(contract_change({"version_bump": "major", "to_version": "2.0.0"}), "contract-compatibility")
}

# ---- error-budget
exhausted := {"budgets": {"stockout-risk": {"production": {"remaining": 0, "exhausted": true}}}}

sre_approval := {"approvals": [
	{"reviewer": "bob", "state": "APPROVED", "teams": [], "commit": "abc", "valid": true},
	{"reviewer": "carol", "state": "APPROVED", "teams": [], "commit": "abc", "valid": true},
	{"reviewer": "dave", "state": "APPROVED", "teams": ["retail/sre"], "commit": "abc", "valid": true},
]}

test_error_budget if {
	allows({"budgets": {"stockout-risk": {"production": {"remaining": 0.4, "exhausted": false}}}}, "error-budget")
	denies(exhausted, "error-budget")
	denies(object.union(exhausted, sre_approval), "error-budget") # no emergency label
	denies(object.union(exhausted, {"pr": {"labels": ["emergency"]}}), "error-budget") # no SRE
	allows(object.union(object.union(exhausted, sre_approval), {"pr": {"labels": ["emergency"]}}), "error-budget")
}

canary_raised(before_weight) := {"changes": {"placements": [], "traffic": [{
	"environment": "production", "model": "stockout-risk", "kind": "changed", "file": "environments/production.yaml", "line": 3,
	"before": {"traffic": [{"version": "1.0.0", "weight": 100 - before_weight}, {"version": "1.1.0", "weight": before_weight, "role": "canary"}]},
	"after": {"traffic": [{"version": "1.0.0", "weight": 50}, {"version": "1.1.0", "weight": 50, "role": "canary"}]},
}]}}

rollback := {"changes": {"placements": [], "traffic": [{
	"environment": "production", "model": "stockout-risk", "kind": "changed", "file": "environments/production.yaml", "line": 3,
	"before": {"traffic": [{"version": "1.0.0", "weight": 50}, {"version": "1.1.0", "weight": 50, "role": "canary"}]},
	"after": {"traffic": [{"version": "1.0.0", "weight": 100}]},
}]}}

test_error_budget_counts_canary_weight_increases_but_not_rollbacks if {
	denies(object.union(exhausted, canary_raised(10)), "error-budget")
	allows(canary_raised(10), "error-budget")
	allows(object.union(exhausted, rollback), "error-budget")
}

# ---- required-approvals
test_required_approvals_code_owner if {
	d := decide({"approvals": [{"reviewer": "carol", "state": "APPROVED", "teams": [], "commit": "abc", "valid": true}, {"reviewer": "dave", "state": "APPROVED", "teams": [], "commit": "abc", "valid": true}]})
	"required-approvals" in fx.denied(d)
	some m in d.approvals.missing
	contains(m, "code owner")
}

test_required_approvals_never_the_author if {
	# alice is a code owner but the author; even if the engine marked it valid, it does not count.
	d := decide({"approvals": [{"reviewer": "alice", "state": "APPROVED", "teams": [], "commit": "abc", "valid": true}, {"reviewer": "carol", "state": "APPROVED", "teams": [], "commit": "abc", "valid": true}]})
	"required-approvals" in fx.denied(d)
	not "alice" in d.approvals.given
}

test_required_approvals_high_risk_needs_risk_team if {
	d := decide({"approvals": [{"reviewer": "bob", "state": "APPROVED", "teams": [], "commit": "abc", "valid": true}, {"reviewer": "erin", "state": "APPROVED", "teams": [], "commit": "abc", "valid": true}]})
	"required-approvals" in fx.denied(d)
	some m in d.approvals.missing
	contains(m, "risk team")
}

test_required_approvals_invalid_reviews_do_not_count if {
	denies({"approvals": [{"reviewer": "bob", "state": "APPROVED", "teams": [], "commit": "old", "valid": false}, {"reviewer": "carol", "state": "APPROVED", "teams": [], "commit": "abc", "valid": true}]}, "required-approvals")
}

test_required_approvals_low_risk_needs_one_owner if {
	allows({"state": {"models": {"stockout-risk": {"card": {"risk_tier": "low"}}}}, "approvals": [{"reviewer": "bob", "state": "APPROVED", "teams": [], "commit": "abc", "valid": true}]}, "required-approvals")
}

# ---- model-card-completeness
test_model_card_completeness if {
	allows({}, "model-card-completeness")
	denies({"state": {"models": {"stockout-risk": {"card": {"limitations": " "}}}}}, "model-card-completeness")
	denies(
		{
			"changes": {"versions": [object.union(fx.new_version, {"version": "1.2.0"})]},
			"state": {"models": {"stockout-risk": {"versions": {"1.2.0": object.remove(fx.version_data, ["slice_metrics"])}}}},
		},
		"model-card-completeness",
	)
	allows({"state": {"models": {"stockout-risk": {"card": {"limitations": "", "risk_tier": "low"}}}}}, "model-card-completeness")
}

# ---- retrain-overdue (warn by default)
serving(age) := {"facts": {"serving": [{"environment": "production", "model": "stockout-risk", "version": "1.0.0", "age_days": age, "file": "environments/production.yaml", "line": 4}]}}

test_retrain_overdue_warns if {
	d := decide(serving(120))
	d.allowed
	"retrain-overdue" in fx.warned(d)
	not "retrain-overdue" in fx.warned(decide(serving(30)))
	"retrain-overdue" in fx.denied(decide(object.union(serving(120), {"settings": {"rules": {"retrain-overdue": {"enforcement": "enforce"}}}})))
}

# ---- change-freeze
freeze(active, envs) := {"settings": {"freeze_windows": [{"start": "2026-11-20T00:00:00Z", "end": "2026-11-30T00:00:00Z", "environments": envs, "reason": "holidays", "active": active}]}}

test_change_freeze if {
	allows(freeze(false, ["production"]), "change-freeze")
	denies(freeze(true, ["production"]), "change-freeze")
	allows(freeze(true, ["staging"]), "change-freeze")
}
