"""Keeping an arrangement: a starter to begin from, spreadsheets in and out, and what changed between
two versions or two dates. Sits beside checks/ and visuals/: it uses graph_builder/ and below."""
