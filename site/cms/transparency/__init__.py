"""Staff dashboards, outcome forms and open-data downloads. Views are thin: parse, call, render."""
