"""Transcripts and analyses that read like real interviews, deterministic for a seed.

The agent asks about the job's skills; the candidate answers well or poorly depending on a
per-skill strength drawn from the interview's own random stream; the analysis is computed from
those same strengths, so what the transcript shows and what the analysis says agree.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

GOOD_ANSWERS = [
    "I've used {skill} daily for about {years} years; most recently I {achievement}.",
    "{skill} is probably my strongest area. At my last job I {achievement}.",
    "Quite a lot. I led the work where we {achievement}, mostly with {skill}.",
]
WEAK_ANSWERS = [
    "Honestly, I've only touched {skill} in a course, but I'm keen to learn it properly.",
    "Not much, to be fair. I know the basics of {skill} and would need some ramp-up.",
    "I've read about {skill} but haven't used it on a real project yet.",
]
ACHIEVEMENTS = [
    "cut the release time from a week to a day",
    "took over a system nobody wanted to touch and made it reliable",
    "trained two junior colleagues until they ran the area on their own",
    "moved our reports from spreadsheets to something the whole team trusts",
    "reduced customer complaints by a third in six months",
    "handled the busiest season without a single missed deadline",
]
OPENINGS = [
    "Hello {first}, thank you for taking the time today. I'm an AI interviewer for {company}, "
    "and this conversation is about the {title} role. Is now still a good time?",
    "Hi {first}, I'm calling from {company} about your application for {title}. "
    "Do you have about {minutes} minutes?",
]
CLOSINGS = [
    "That's everything from my side. Thank you, {first}; the team will be in touch soon.",
    "Thanks a lot, {first}. You'll hear from the recruiter within a few days.",
]
MOTIVATIONS = [
    "I like that the team ships often and owns what it builds.",
    "The role is a step up from what I do now, and the company has a good name.",
    "I'm looking for somewhere I can stay and grow for a few years.",
]
AVAILABILITY = ["immediately", "in two weeks", "from next month", "after a one-month notice"]
NOTICE = ["none", "two weeks", "one month", "three months"]
TOPICS = ["career goals", "team culture", "remote work", "learning budget", "relocation",
          "working hours", "previous projects", "salary range"]
EDUCATION = ["SECONDARY_WITH_DIPLOMA", "POST_SECONDARY_VOCATIONAL", "UNIVERSITY_STUDENT",
             "BACHELOR_LEVEL", "MASTER_LEVEL", "POSTGRADUATE"]
EXPERIENCE = ["LESS_THAN_1_YEAR", "ONE_TO_3_YEARS", "THREE_TO_5_YEARS", "FIVE_TO_10_YEARS",
              "TEN_TO_15_YEARS"]
CEFR = ["A1", "A2", "B1", "B2", "C1", "C2"]


@dataclass(frozen=True)
class Generated:
    transcript: list[dict[str, Any]]
    analysis: dict[str, Any]
    rating: int


def _stream(seed: int, interview_id: str) -> random.Random:
    return random.Random(f"{seed}:{interview_id}")


def generate(
    *, seed: int, interview_id: str, focus: str, candidate: dict[str, Any],
    job: dict[str, Any] | None, agent: dict[str, Any], company: str = "Northwind Talent",
) -> Generated:
    """The transcript and analysis of one completed interview. Shared between calls (never
    change it): a finished interview is served again and again, in its candidate's view for
    the rating, in listings and on its own, and composing it was a fifth of a sync's time."""
    job = job or {}
    skills = tuple(job.get("requiredSkills") or ()) + tuple(job.get("niceToHaveSkills") or ())
    return _compose(seed, interview_id, focus, candidate.get("firstName") or "there",
                    job.get("title") or "an open position", skills,
                    agent.get("duration") or 15, agent.get("language") or "EN", company)


@lru_cache(maxsize=4096)
def _compose(seed: int, interview_id: str, focus: str, first: str, title: str,
             job_skills: tuple[str, ...], minutes: int, language: str,
             company: str) -> Generated:
    rng = _stream(seed, interview_id)
    skills = list(job_skills[:5]) or ["communication", "teamwork", "problem solving"]
    strengths = {skill: rng.random() for skill in skills}
    turns: list[dict[str, Any]] = []
    clock = 0.0

    def say(speaker: str, text: str) -> None:
        nonlocal clock
        turns.append({"speaker": speaker, "text": text, "startSeconds": round(clock, 1)})
        clock += 4 + len(text) / 14 + rng.random() * 3

    say("AGENT", rng.choice(OPENINGS).format(first=first, company=company, title=title,
                                            minutes=minutes))
    say("CANDIDATE", rng.choice(["Yes, of course.", "Sure, go ahead.", "Yes, perfect timing."]))
    if focus == "LANGUAGE_TEST":
        return _language_test(rng, language, first, say, turns, strengths)
    if focus == "GENERIC":
        topics = rng.sample(TOPICS, 3)
        for topic in topics:
            say("AGENT", f"Tell me a little about your thoughts on {topic}.")
            say("CANDIDATE", f"On {topic}: {rng.choice(MOTIVATIONS)}")
        say("AGENT", rng.choice(CLOSINGS).format(first=first))
        rating = round(45 + rng.random() * 50)
        return Generated(turns, {
            "general": _general(rng, rating, ["Open and clear about what they want."],
                                ["Few concrete examples."],
                                [f"A friendly conversation covering {', '.join(topics)}."]),
            "specific": {"summary": f"{first} talked about {', '.join(topics)} and came "
                                    "across as motivated.", "topics": topics},
        }, rating)
    say("AGENT", f"What draws you to the {title} role?")
    say("CANDIDATE", rng.choice(MOTIVATIONS))
    for skill, strength in strengths.items():
        say("AGENT", f"How much experience do you have with {skill}?")
        template = rng.choice(GOOD_ANSWERS if strength >= 0.45 else WEAK_ANSWERS)
        say("CANDIDATE", template.format(skill=skill, years=1 + int(strength * 9),
                                         achievement=rng.choice(ACHIEVEMENTS)))
    specific: dict[str, Any] | None = None
    if focus == "OUTREACH":
        interest = rng.choice(["LOW", "MEDIUM", "HIGH"])
        availability = rng.choice(AVAILABILITY)
        salary = f"{rng.randrange(30, 90)}k EUR a year"
        notice = rng.choice(NOTICE)
        say("AGENT", "When could you start, and what salary do you have in mind?")
        say("CANDIDATE", f"I could start {availability}; my notice period is {notice}. "
                         f"I'm thinking of about {salary}.")
        specific = {"interestLevel": interest, "availability": availability,
                    "salaryExpectation": salary, "noticePeriod": notice,
                    "followUpRecommended": interest != "LOW"}
    say("AGENT", rng.choice(CLOSINGS).format(first=first))
    rating = round(100 * (0.25 + 0.75 * sum(strengths.values()) / len(strengths)))
    strong = [f"Solid, concrete experience with {s}." for s, v in strengths.items() if v >= 0.45]
    weak = [f"Little hands-on experience with {s}." for s, v in strengths.items() if v < 0.45]
    evaluation = [
        f"Answered {len(strong)} of {len(strengths)} skill questions with real examples.",
        "Recommended for the next round." if rating >= 60 else
        "Not a strong match for this role right now.",
    ]
    return Generated(turns, {"general": _general(rng, rating, strong, weak, evaluation),
                             "specific": specific}, rating)


def _general(rng: random.Random, rating: int, strong: list[str], weak: list[str],
             evaluation: list[str]) -> dict[str, Any]:
    fit = "HIGH" if rating >= 75 else "MEDIUM" if rating >= 50 else "LOW"
    return {
        "overallRating": rating, "companyFitRating": fit,
        "education": rng.choice(EDUCATION), "experience": rng.choice(EXPERIENCE),
        "strongPoints": strong, "weakPoints": weak, "evaluation": evaluation,
    }


def _language_test(rng, language, first, say, turns, strengths) -> Generated:  # type: ignore[no-untyped-def]
    prompts = ["Describe your usual working day.", "What did you do last weekend?",
               "Explain a problem you solved recently.", "What are your plans for next year?"]
    for prompt in prompts:
        say("AGENT", prompt)
        say("CANDIDATE", rng.choice([
            "Usually I start early, check my messages and plan the day with my team.",
            "I visited my family and we cooked together; it was relaxing.",
            "Our printer kept failing, so I found the driver problem and fixed it.",
            "I want to improve my language skills and maybe move abroad.",
        ]))
    say("AGENT", f"Thank you, {first}. That completes the {language} language test.")
    scores = {name: round(40 + rng.random() * 60) for name in
              ("accuracy", "fluency", "completeness", "prosody")}
    grammar, vocabulary = round(40 + rng.random() * 60), round(40 + rng.random() * 60)
    rating = round((sum(scores.values()) / 4 + grammar + vocabulary) / 3)
    level = CEFR[min(5, max(0, (rating - 35) // 11))]
    return Generated(turns, {
        "general": _general(rng, rating,
                            ["Speaks in full sentences without long pauses."] if rating >= 60
                            else [], ["Limited vocabulary for work topics."] if rating < 75
                            else [], [f"Estimated level {level} in {language}."]),
        "specific": {"cefrLevel": level, "pronunciationScores": scores,
                     "grammarScore": grammar, "vocabularyScore": vocabulary},
    }, rating)
