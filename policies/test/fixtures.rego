# Inputs shared by the policy tests: a PR that adds stockout-risk 1.1.0 and places it as a 10% canary in
# production after it served in staging, approved by a code owner and the risk team. Tests override parts.
package modelgate.test.fixtures

placement := {
	"environment": "production", "model": "stockout-risk", "version": "1.1.0", "role": "canary", "weight": 10,
	"new_to_environment": true, "model_new_to_environment": false, "promote_from": "staging",
	"served_in_promote_from": true, "protected": true, "current_stable": "1.0.0",
	"metric_deltas": [{"metric": "accuracy", "proposed": 0.9, "current": 0.88, "delta": 0.02, "higher_is_better": true, "regression": -0.02}],
	"file": "environments/production.yaml", "line": 6,
}

new_version := {
	"model": "stockout-risk", "version": "1.1.0", "kind": "added", "bump": "minor", "previous": "1.0.0",
	"immutable_edit": false, "edits": [], "age_days": 10,
	"slice_gaps": [{"attribute": "store_format", "metric": "accuracy", "gap": 0.02, "best_slice": "street", "worst_slice": "mall"}],
	"file": "models/stockout-risk/versions/1.1.0.yaml", "line": 1,
}

version_data := {
	"version": "1.1.0",
	"artifact": {"uri": "file:artifacts/stockout-risk/1.1.0/model.onnx", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "size": 48213, "format": "onnx"},
	"metrics": {"accuracy": 0.9, "auc": 0.95},
	"slice_metrics": {"store_format": {"mall": {"accuracy": 0.89}, "street": {"accuracy": 0.91}}},
}

card := {
	"name": "stockout-risk", "owner": "@retail/supply-chain", "task": "binary-classification", "risk_tier": "high",
	"contract": "stockout-risk", "intended_use": "Prioritise orders.", "limitations": "Synthetic data.",
	"human_oversight": "Planner reviews.",
}

base_input := {
	"schema_version": 1,
	"registry": {"valid": true, "errors": [], "warnings": []},
	"changes": {
		"files": ["environments/production.yaml", "models/stockout-risk/versions/1.1.0.yaml"],
		"config": [], "models": [], "slos": [], "environments": [], "waivers": [], "contracts": [],
		"versions": [new_version],
		"traffic": [{
			"environment": "production", "model": "stockout-risk", "kind": "changed",
			"before": {"traffic": [{"version": "1.0.0", "weight": 100}]},
			"after": {"traffic": [{"version": "1.0.0", "weight": 90}, {"version": "1.1.0", "weight": 10, "role": "canary"}]},
			"file": "environments/production.yaml", "line": 3,
		}],
		"placements": [placement],
		"touched_models": ["stockout-risk"],
	},
	"state": {
		"config": {"name": "retail-models", "environments": [{"name": "staging"}, {"name": "production", "promote_from": "staging", "protected": true}], "artifacts": {"allowed_stores": ["file:", "https://models.example.com/"], "max_size_bytes": 104857600}},
		"models": {"stockout-risk": {"card": card, "versions": {"1.1.0": version_data}}},
		"contracts": {}, "slos": {}, "environments": {}, "waivers": {},
	},
	"pr": {"number": 7, "author": "alice", "labels": [], "title": "Promote stockout-risk 1.1.0", "head_sha": "abc", "target_branch": "main", "branch": "promote"},
	"approvals": [
		{"reviewer": "bob", "state": "APPROVED", "teams": ["retail/supply-chain"], "commit": "abc", "valid": true},
		{"reviewer": "carol", "state": "APPROVED", "teams": ["retail/risk"], "commit": "abc", "valid": true},
	],
	"teams": {"retail/risk": ["carol"], "retail/sre": ["dave"], "retail/supply-chain": ["alice", "bob"], "retail/planning": ["erin"]},
	"owners": {"@retail/risk": ["carol"], "@retail/sre": ["dave"], "@retail/supply-chain": ["alice", "bob"], "@retail/planning": ["erin"]},
	"codeowners": [{"owners": ["@retail/supply-chain"], "members": ["alice", "bob"], "paths": ["environments/production.yaml", "models/stockout-risk/versions/1.1.0.yaml"], "file": "CODEOWNERS", "line": 1}],
	"clock": {"now": "2026-11-23T00:00:00Z", "now_ns": 1795392000000000000},
	"waivers": [],
	"settings": {"rules": {}, "freeze_windows": []},
	"facts": {"serving": [], "artifacts": []},
}

# base_input with `patch` merged in (objects merge recursively; arrays and scalars replace).
with_patch(patch) := object.union(base_input, patch)

# The ids of the rules that deny for an input.
denied(decision) := {v.rule | some v in decision.violations}

warned(decision) := {w.rule | some w in decision.warnings}
