"""Standing search profiles (an organisation's saved alerts: "tell us when a need like this is published"),
not a volunteer's profile. ``rules`` holds the pure rules (does a need fit a profile, its index keys), ``services``
the writes and the alert of a newly published need."""
