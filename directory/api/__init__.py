"""The HTTP API: HSDS read and write (`services`), matching (`match`) and the OpenAPI document; JSON only."""
