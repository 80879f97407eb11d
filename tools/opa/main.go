// Command opa builds the pinned OPA CLI from the Go module proxy.
//
// `go install github.com/open-policy-agent/opa@vX` is refused when the target
// module carries replace directives; a wrapper module that imports OPA's
// command package is built with `go build` instead. The body mirrors OPA's own
// main.go so exit codes (e.g. `opa test` failures) are preserved.
package main

import (
	"errors"
	"os"

	"github.com/open-policy-agent/opa/cmd"
)

func main() {
	var exit int
	defer func() {
		if exit != 0 {
			os.Exit(exit)
		}
	}() // orderly shutdown: run all deferred routines first

	if err := cmd.RootCommand.Execute(); err != nil {
		var e *cmd.ExitError
		if errors.As(err, &e) {
			exit = e.Exit
		} else {
			exit = 1
		}
	}
}
