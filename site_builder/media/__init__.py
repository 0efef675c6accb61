"""Photos for readers: the copies made of each content photo, and the Markdown extension that
turns a photo in the text into a figure. Imports `content` and `text`.
"""
