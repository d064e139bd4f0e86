"""Vocabulary for generated transcripts: real words, so full-text search behaves as it would."""


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words("Jana Peter Lucia Martin Eva Tomas Zuzana Michal Anna Lukas Sofia Jakub Ema Adam "
               "Nina David Laura Samuel Klara Filip Maria Jonas Lea Oliver Mia Noah Hannah Elias "
               "Ines Marek Olivia James Amelia George Isla Harry Ava Jack Grace Leo Chloe Oscar "
               "Freya Arthur Ruby Henry Ella Theo Emily Finn Alice Hugo Zara Felix Rosa Ivan "
               "Petra Karel Milan Vera Daniel Sara Robert Julia Mateo Elena Pablo Lucas Chiara "
               "Marco Giulia Omar Leila Yusuf Aisha Kenji Yuki Wei Mei Arjun Priya Raj Anya "
               "Dmitri Olga Sven Astrid")
LAST = _words("Novak Horvath Kovac Varga Toth Nagy Balaz Molnar Simon Kral Fischer Weber "
              "Schmidt Brown Taylor Dvorak Svoboda Moreau Rossi Garcia Kowalski Nowak Lindqvist "
              "Jansen Popescu Ivanova Smith Jones Williams Wilson Evans Thomas Roberts Walker "
              "Wright Thompson White Hughes Edwards Green Hall Wood Harris Martin Jackson "
              "Clarke Lewis Young Allen King Muller Schneider Meyer Wagner Becker Hoffmann "
              "Schulz Koch Richter Klein Wolf Neumann Lopez Martinez Sanchez Perez Gomez "
              "Fernandez Ricci Romano Colombo Bruno Gallo Conti Dubois Laurent Lefebvre Bernard "
              "Petit Durand Leroy Andersson Johansson Karlsson Nielsen Hansen Pedersen Larsen "
              "Tanaka Suzuki Sato Chen Wang Li Zhang Patel Shah Singh Kumar Khan Ali Hassan "
              "Sokolov Petrov Volkov")
DOMAINS = ("example.com", "example.org", "example.net", "mail.example", "post.example")

SKILLS = _words("Python PostgreSQL Docker Kubernetes TypeScript React accessibility SQL Excel "
                "statistics bookkeeping negotiation logistics forklift scheduling inventory "
                "payroll customer service ticketing onboarding budgeting forecasting marketing "
                "analytics design testing automation leadership mentoring recruiting nursing "
                "pharmacology triage compliance auditing reporting procurement warehousing "
                "driving welding carpentry electrical plumbing cooking hospitality sales "
                "prospecting")

NOUNS = _words("project team customer manager deadline release migration database dashboard "
               "report warehouse shipment delivery schedule shift patient ward invoice ledger "
               "budget forecast campaign client contract supplier vendor product feature service "
               "ticket incident outage deployment pipeline server cluster query index backlog "
               "sprint roadmap stakeholder colleague supervisor mentor intern course certificate "
               "degree university language grammar vocabulary conversation presentation meeting "
               "workshop training process workflow spreadsheet quality safety inspection audit "
               "policy regulation complaint feedback review promotion salary relocation commute "
               "office remote hybrid weekend overtime holiday experience responsibility "
               "challenge conflict mistake success failure lesson goal priority strategy tool "
               "system application interface network security backup recovery performance "
               "latency throughput cost revenue margin target quota pipeline lead prospect "
               "account territory route truck forklift pallet inventory stock order return "
               "refund shipment medication dosage chart handover emergency protocol hygiene "
               "equipment")

VERBS = _words("managed built designed led improved reduced increased migrated automated tested "
               "delivered negotiated resolved handled organised trained supervised coordinated "
               "analysed reported planned scheduled prioritised documented reviewed deployed "
               "monitored optimised simplified introduced replaced maintained supported "
               "escalated presented explained learned practised studied translated calculated "
               "audited reconciled forecasted prepared launched")

ADJECTIVES = _words("difficult large small urgent critical complex simple new legacy international "
                    "busy quiet remote local senior junior careful friendly demanding flexible "
                    "reliable accurate efficient strong weak clear detailed quick slow expensive "
                    "cheap modern old distributed seasonal weekly daily monthly")

AGENT_OPENERS = (
    "Could you tell me about a {adj} {noun} you {verb}?",
    "How did you handle the {noun} when it became {adj}?",
    "What was your role in the {noun} and who else was involved?",
    "Why are you interested in this position and our {noun}?",
    "Can you describe how you use {skill} in your daily work?",
    "Tell me about a time you had a conflict with a {noun}.",
    "How would you prioritise a {adj} {noun} against a {adj} {noun}?",
    "What do you expect from your next {noun}?",
    "How many years of experience do you have with {skill}?",
    "Thank you. Let us move on to the next question about the {noun}.",
)
CANDIDATE_SENTENCES = (
    "In my last job I {verb} a {adj} {noun} for a {adj} {noun}.",
    "I {verb} the {noun} together with the {noun} and we {verb} it on time.",
    "I have used {skill} for about {number} years, mostly for the {noun}.",
    "The hardest part was the {adj} {noun}, so I {verb} the {noun} first.",
    "We {verb} the {noun} and the {noun} became much more {adj}.",
    "My manager asked me to {base} the {noun} because the {noun} was {adj}.",
    "Honestly, I made a mistake with the {noun}, and I learned to {base} every {noun}.",
    "I prefer a {adj} {noun} where I can {base} the {noun} myself.",
    "I am looking for a role with more {noun} and a {adj} {noun}.",
    "At university I studied {skill} and later {verb} a {noun} in it.",
)
BASES = _words("manage build design improve reduce automate test deliver negotiate resolve "
               "handle organise train coordinate analyse plan schedule document review monitor "
               "support check explain")
STRONG = (
    "Clear examples of {skill} in a {adj} {noun}",
    "Took ownership of the {noun} and {verb} it under pressure",
    "Communicates calmly about {adj} situations",
    "Strong experience with {skill} and {skill}",
)
WEAK = (
    "Little experience with {skill}",
    "Vague about the outcome of the {noun}",
    "Struggled to explain how the {noun} was {verb}",
    "Limited exposure to {adj} {noun} work",
)
EVALUATION = (
    "The candidate {verb} a {adj} {noun} and would fit a {adj} team.",
    "Recommended for a second round focused on {skill}.",
    "Not recommended: the answers about the {noun} lacked detail.",
)
