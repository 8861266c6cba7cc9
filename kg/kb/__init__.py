"""Knowledge bases: countries, organisations, titles, topics, treaties, leaders.

Plain data and lookups, no NLP: stages ask these modules "what is X?".
"""
