"""Pure-Python core: text, tokens, spans, events, schema, formats. Never imports Qt or SQL."""
