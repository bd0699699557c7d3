import GuidelinePress
print("stub")
