"""What a course becomes for people: statistics along it, unsurveyed notes, GPX."""
