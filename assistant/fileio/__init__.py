"""Files at the edge: bounded JSON input, atomic output writes, and the Chinese words for their failures."""
