"""The CLI commands: parse options, ask the workspace, render. No cache or graph logic."""
