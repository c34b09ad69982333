"""One question of every kind a consultation asks, shared by the tests (`factories`) and the benchmark's
volume (`volume`), kept apart from the factories because seeding runs without the test dependencies."""

# (label, kind, choices, extra fields)
EVERY_KIND = [
    ("A model attendance policy would help my school", "agreement", "", {}),
    ("Rank these ways of reaching families", "ranking", "Text messages\nHome visits\nLetters", {}),
    ("Should a survey of parents and carers be set up?", "yes_no", "", {}),
    ("Which year group needs most support?", "choose_one", "Year 7\nYear 8\nYear 9", {"allow_other": True}),
    ("Which services have you used?", "choose_many", "Early help\nSchool nurse\nAttendance", {"allow_other": True}),
    ("In a sentence, what gets in the way?", "short_text", "", {"word_limit": 30}),
    ("Anything else you would like us to know?", "long_text", "", {"word_limit": 300, "required": False}),
]
