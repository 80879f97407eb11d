package modelgate.rules.artifact_integrity

import data.modelgate.lib

meta := {
	"id": "artifact-integrity",
	"title": "Artifacts are pinned, from an allowed store and within the size cap",
	"severity": "critical",
	"enforcement": "enforce",
	"remediation": "Set artifact.sha256 to the file's SHA-256, keep artifacts in an allowed store (artifacts.allowed_stores) and under the size cap.",
}

default_max_size := object.get(input.state.config, ["artifacts", "max_size_bytes"], 104857600)

max_size := lib.param(meta.id, "max_size_bytes", default_max_size)

allowed_stores := object.get(input.state.config, ["artifacts", "allowed_stores"], ["file:", "https://"])

new_versions contains [v.model, v.version, v.file, v.line] if {
	some v in input.changes.versions
	v.kind != "removed"
}

findings contains f if {
	some [model, version, file, line] in new_versions
	artifact := lib.version_data(model, version).artifact
	not regex.match(`^[a-f0-9]{64}$`, object.get(artifact, "sha256", ""))
	f := {
		"message": sprintf("%s %s: artifact.sha256 must be 64 lowercase hex characters", [model, version]),
		"file": file, "line": line, "scope": {"model": model, "version": version},
	}
}

findings contains f if {
	some [model, version, file, line] in new_versions
	artifact := lib.version_data(model, version).artifact
	not from_allowed_store(artifact.uri)
	f := {
		"message": sprintf("%s %s: artifact %s is not in an allowed store (%s)", [model, version, artifact.uri, concat(", ", allowed_stores)]),
		"file": file, "line": line, "scope": {"model": model, "version": version},
	}
}

findings contains f if {
	some [model, version, file, line] in new_versions
	artifact := lib.version_data(model, version).artifact
	artifact.size > max_size
	f := {
		"message": sprintf("%s %s: artifact is %v bytes, over the cap of %v bytes", [model, version, artifact.size, max_size]),
		"file": file, "line": line, "scope": {"model": model, "version": version},
	}
}

# Facts from the engine: file: artifacts read at the head revision and hashed.
findings contains f if {
	some check in object.get(input.facts, "artifacts", [])
	not check.ok
	f := {
		"message": sprintf("%s %s: %s", [check.model, check.version, check.problem]),
		"file": check.file, "line": check.line, "scope": {"model": check.model, "version": check.version},
	}
}

from_allowed_store(uri) if {
	some store in allowed_stores
	startswith(uri, store)
}
