package modelgate.test.main

import data.modelgate.main
import data.modelgate.test.fixtures as fx

test_typical_pr_is_allowed if {
	d := main.decision with input as fx.base_input
	d.allowed
	count(d.violations) == 0
	count(d.approvals.missing) == 0
}

test_every_rule_has_metadata if {
	d := main.decision with input as fx.base_input
	ids := {r.id | some r in d.rules}
	ids == {
		"schema-validity", "version-immutability", "artifact-integrity", "promotion-order", "metric-regression",
		"metric-floor", "fairness-gap", "contract-compatibility", "error-budget", "required-approvals",
		"model-card-completeness", "retrain-overdue", "change-freeze", "waiver-validity",
	}
}

bad_metric := fx.with_patch({"changes": {"placements": [object.union(fx.placement, {"metric_deltas": [{"metric": "accuracy", "proposed": 0.8, "current": 0.88, "delta": -0.08, "higher_is_better": true, "regression": 0.08}]})]}})

test_enforcement_warn_turns_a_violation_into_a_warning_and_is_reported if {
	d := main.decision with input as object.union(bad_metric, {"settings": {"rules": {"metric-regression": {"enforcement": "warn", "line": 12}}}})
	d.allowed
	"metric-regression" in fx.warned(d)
	d.overrides == [{"rule": "metric-regression", "default": "enforce", "configured": "warn", "file": "modelgate.yaml", "line": 12}]
}

test_enforcement_audit_is_neither_violation_nor_warning if {
	d := main.decision with input as object.union(bad_metric, {"settings": {"rules": {"metric-regression": {"enforcement": "audit"}}}})
	d.allowed
	count(d.audit) == 1
	not "metric-regression" in fx.warned(d)
}

waiver(extra) := object.union(
	{"id": "w1", "rule": "metric-regression", "scope": {"model": "stockout-risk"}, "status": "active", "approved_by": "carol", "expires": "2027-01-01T00:00:00Z", "file": "waivers/w1.yaml", "line": 1},
	extra,
)

test_active_waiver_suppresses_matching_finding if {
	d := main.decision with input as object.union(bad_metric, {"waivers": [waiver({})]})
	d.allowed
	d.waived[0].rule == "metric-regression"
	d.waived[0].waivers == ["w1"]
}

test_waiver_scope_must_match if {
	d := main.decision with input as object.union(bad_metric, {"waivers": [waiver({"scope": {"model": "stockout-risk", "environment": "staging"}})]})
	not d.allowed
	count(d.waived) == 0
}

test_expired_waiver_does_nothing_and_warns if {
	d := main.decision with input as object.union(bad_metric, {"waivers": [waiver({"status": "expired"})]})
	not d.allowed
	"waiver-validity" in fx.warned(d)
}

test_unapproved_waiver_does_nothing_and_warns if {
	d := main.decision with input as object.union(bad_metric, {"waivers": [waiver({"status": "unapproved", "problem": "approved by the PR author"})]})
	not d.allowed
	some w in d.warnings
	w.rule == "waiver-validity"
	contains(w.message, "approved by the PR author")
}

test_unknown_rule_waiver_does_nothing_and_denies if {
	d := main.decision with input as object.union(bad_metric, {"waivers": [waiver({"rule": "no-such-rule"})]})
	not d.allowed
	some v in d.violations
	v.rule == "waiver-validity"
	contains(v.message, "no-such-rule")
	"metric-regression" in fx.denied(d)
}

test_unknown_rule_waiver_denies_even_when_nothing_else_does if {
	d := main.decision with input as fx.with_patch({"waivers": [waiver({"rule": "metric-regresion"})]})
	not d.allowed
	fx.denied(d) == {"waiver-validity"}
}

test_unknown_rule_in_settings_warns if {
	d := main.decision with input as fx.with_patch({"settings": {"rules": {"metric-regresion": {"enforcement": "warn"}}}})
	d.allowed
	"policy-settings" in fx.warned(d)
}

test_violation_carries_file_line_remediation if {
	d := main.decision with input as bad_metric
	[v] := d.violations
	v.rule == "metric-regression"
	v.file == "environments/production.yaml"
	v.line == 6
	v.severity == "high"
	v.remediation != ""
}
