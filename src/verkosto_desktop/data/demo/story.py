"""The demo network's life so far: founding, survey, activities, action plan and two incidents."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from verkosto_desktop.data.models import (
    ActionItem,
    ActionStatusChange,
    Activity,
    ActivityAttendance,
    Actor,
    FoundingStep,
    Incident,
    IncidentLogEntry,
    IncidentSituation,
    SurveyAnswer,
)

SPR = "SPR Esimerkkilän osasto"
SOS = "Esimerkkilän kunta, sosiaalipalvelut"
TECH = "Esimerkkilän kunta, tekninen toimi"
VPK = "Esimerkkilän VPK"
MARTAT = "Esimerkkilän Marttayhdistys"
PARISH = "Esimerkkilän seurakunta"
VAPEPA = "Vapepa Esimerkkilän paikallistoimikunta"
RADIO = "Esimerkkilän Radioamatöörit ry"
VILLAGE = "Kirkonkylän kyläyhdistys"
SCHOOL = "Kirkonkylän koulu"
PENSIONERS = "Esimerkkilän Eläkeläiset ry"
POWER = "Esimerkkilän Sähkö Oy"

CONCERNS = [
    "Pitkät sähkökatkot ja ikäihmisten pärjääminen kotona",
    "Yksinäisyys ja syrjäytyminen",
    "Pitkät sähkökatkot ja ikäihmisten pärjääminen kotona",
    "Tiedonkulku kun puhelinverkko ei toimi",
    "Nuorten työttömyys ja syrjäytyminen",
    "Myrskyt ja kaatuneet puut kylien teillä",
    "Yksinäisyys ja syrjäytyminen",
    "Tiedonkulku kun puhelinverkko ei toimi",
]


def _log(
    session: Session,
    incident: Incident,
    kind: str,
    at: datetime,
    text: str,
    author: str,
    actor: Actor | None = None,
    details: dict[str, Any] | None = None,
) -> IncidentLogEntry:
    entry = IncidentLogEntry(
        incident_id=incident.id,
        kind=kind,
        happened_at=at,
        recorded_at=at + timedelta(minutes=2),
        author=author,
        actor_id=actor.id if actor else None,
        text=text,
        details=details,
    )
    session.add(entry)
    session.flush()
    return entry


def _task(
    session: Session,
    title: str,
    actor: Actor,
    status: str,
    at: datetime,
    incident: Incident | None = None,
    phase: str | None = None,
    situation: str | None = None,
    goal: str = "",
    due: datetime | None = None,
    residents: bool = False,
) -> ActionItem:
    item = ActionItem(
        title=title,
        goal=goal,
        responsible_id=actor.id,
        status=status,
        incident_id=incident.id if incident else None,
        phase=phase,
        situation_key=situation,
        due_on=due.date() if due else None,
        residents_involved=residents,
    )
    session.add(item)
    session.flush()
    chain = (
        ["requested", "accepted", "in_progress", "done"]
        if incident
        else ["planned", "in_progress", "done"]
    )
    steps = chain[: chain.index(status) + 1] if status in chain else [chain[0], status]
    for offset, step in enumerate(steps):
        session.add(
            ActionStatusChange(
                action_item_id=item.id, status=step, changed_at=at + timedelta(minutes=40 * offset)
            )
        )
    return item


def add_story(session: Session, actors: dict[str, Actor], now: datetime) -> None:
    """Founding steps, survey answers, activities, action plan and incidents, relative to ``now``."""
    day = timedelta(days=1)
    steps = list(session.scalars(select(FoundingStep).order_by(FoundingStep.position)))
    for position, step in enumerate(steps):
        if position < 7:
            step.status = "done"
            step.done_on = (now - day * (720 - position * 60)).date()
            step.who = "SPR Esimerkkilän osasto"
            step.residents_involvement = (
                "Avoin asukasilta kirjastolla" if position in (2, 5) else ""
            )
        elif position == 7:
            step.status = "in_progress"
            step.who = "Verkoston työryhmä"
            step.notes = "Luonnos käsitellään seuraavassa verkostotapaamisessa."
    members = [a for a in actors.values() if a.membership_status == "member"]
    for i, actor in enumerate(members[:26]):
        answered = (now - day * (300 - i)).date()
        session.add_all(
            [
                SurveyAnswer(
                    actor_id=actor.id,
                    round=1,
                    question_key="concerns",
                    answer=CONCERNS[i % len(CONCERNS)],
                    answered_on=answered,
                ),
                SurveyAnswer(
                    actor_id=actor.id,
                    round=1,
                    question_key="ready_to_act",
                    answer="Sähkökatkot ja myrskyt" if i % 2 else "Sosiaaliset kriisit",
                    answered_on=answered,
                ),
                SurveyAnswer(
                    actor_id=actor.id,
                    round=1,
                    question_key="existing_networks",
                    answer="Kunnan hyvinvointiryhmä" if i % 3 == 0 else "",
                    answered_on=answered,
                ),
            ]
        )
    activities = [
        ("meeting", "Verkostotapaaminen: toimintamallin sopiminen", -200, SPR, 14, False),
        ("training", "Henkisen tuen peruskurssi", -120, SPR, 9, True),
        ("exercise", "Sähkökatkoharjoitus Kirkonkylässä", -60, VPK, 12, True),
        ("meeting", "Verkostotapaaminen syksy", -20, SOS, 16, False),
        ("event", "Turvallisuuspäivä torilla", 12, VAPEPA, 8, True),
        ("training", "Kotivarakurssi asukkaille", 21, MARTAT, 3, True),
        ("meeting", "Verkostotapaaminen talvi", 45, SPR, 0, False),
    ]
    for i, (kind, title, offset, organiser, attendees, residents) in enumerate(activities):
        activity = Activity(
            kind=kind,
            title=title,
            starts_at=(now + day * offset).replace(hour=15, minute=0, second=0, microsecond=0),
            organiser_id=actors[organiser].id,
            place="Seurakuntatalo" if i % 2 else "Kunnantalo",
            residents_involved=residents,
        )
        session.add(activity)
        session.flush()
        for actor in members[i : i + attendees]:
            session.add(ActivityAttendance(activity_id=activity.id, actor_id=actor.id))
    plan = [
        (
            "Päivitetään yhteystiedot soittokierroksella",
            SPR,
            "preparedness",
            None,
            30,
            "in_progress",
            False,
        ),
        (
            "Kotivarakurssit kaikissa kylissä",
            MARTAT,
            "preparedness",
            "power_outage",
            90,
            "planned",
            True,
        ),
        (
            "Lämpimän tilan avaamisen ohje kylätaloille",
            VILLAGE,
            "preparedness",
            "power_outage",
            60,
            "planned",
            False,
        ),
        (
            "Ikäihmisten puhelinrinki sähkökatkon aikana",
            PENSIONERS,
            "response",
            "power_outage",
            45,
            "done",
            True,
        ),
        (
            "Kerhotoiminta myrskyn jälkeen toipumisen tueksi",
            PARISH,
            "recovery",
            "storm",
            120,
            "planned",
            True,
        ),
        (
            "Radioyhteysharjoitus kunnan valmiuskeskuksen kanssa",
            RADIO,
            "preparedness",
            "telecom_outage",
            75,
            "planned",
            False,
        ),
    ]
    for title, owner, phase, situation, due, status, residents in plan:
        _task(
            session,
            title,
            actors[owner],
            status,
            now - day * 30,
            phase=phase,
            situation=situation,
            due=now + day * due,
            residents=residents,
        )

    # A storm last year, closed, with its log.
    storm_start = (now - day * 300).replace(hour=18, minute=20, second=0, microsecond=0)
    storm = Incident(
        title="Syysmyrsky Aila",
        area="Koko kunta",
        phase="closed",
        started_at=storm_start,
        recovery_at=storm_start + day * 2,
        closed_at=storm_start + day * 14,
        convened_by_id=actors[SPR].id,
        description="Myrsky kaatoi puita sähkölinjoille, sähköt poikki 3 000 taloudesta.",
        lessons_learned="Kylätalojen avainhenkilöt tavoitettiin hitaasti; sovittiin varahenkilöt.",
    )
    session.add(storm)
    session.flush()
    session.add_all(
        [
            IncidentSituation(incident_id=storm.id, situation_key=k)
            for k in ("storm", "power_outage")
        ]
    )
    _log(
        session,
        storm,
        "observation",
        storm_start,
        "Sähköyhtiö: 3 000 taloutta ilman sähköä.",
        "Liisa Korhonen",
        actors[POWER],
    )
    _log(
        session,
        storm,
        "decision",
        storm_start + timedelta(hours=3),
        "Kirkonkylän kylätalo avataan lämpimäksi tilaksi.",
        "Liisa Korhonen",
        actors[VILLAGE],
    )
    _log(
        session,
        storm,
        "phase_change",
        storm_start + day * 2,
        "Siirrytään jälkihuoltoon.",
        "Liisa Korhonen",
    )
    _task(
        session,
        "Kylätalon avaaminen",
        actors[VILLAGE],
        "done",
        storm_start + timedelta(hours=3),
        incident=storm,
        phase="response",
    )
    _task(
        session,
        "Soitot yksin asuville",
        actors[PENSIONERS],
        "done",
        storm_start + timedelta(hours=4),
        incident=storm,
        phase="response",
    )

    # An active power outage, started this morning.
    start = now - timedelta(hours=5, minutes=20)
    outage = Incident(
        title="Sähkökatko Kirkonkylässä ja Koivuniemessä",
        area="Kirkonkylä, Koivuniemi",
        phase="response",
        started_at=start,
        convened_by_id=actors[SOS].id,
        description="Jakeluhäiriö; arvioitu kesto yli vuorokausi. Pakkasta -18 °C.",
    )
    session.add(outage)
    session.flush()
    session.add_all(
        [
            IncidentSituation(incident_id=outage.id, situation_key=k)
            for k in ("power_outage", "telecom_outage")
        ]
    )
    _log(
        session,
        outage,
        "observation",
        start,
        "Sähköt poikki noin 1 200 taloudesta.",
        "Juha Karjalainen",
        actors[POWER],
    )
    _log(
        session,
        outage,
        "assessment",
        start + timedelta(hours=1),
        "Ensimmäinen tilannearvio",
        "Juha Karjalainen",
        actors[SOS],
        details={
            "assessed_by": "Kunta ja pelastuslaitos",
            "area": "Kirkonkylä, Koivuniemi",
            "people": "n. 2 400 asukasta",
            "power": "Poikki, korjaus arviolta huomenna",
            "water": "Toimii, paine heikko",
            "telecom": "Mobiiliverkko katkeilee",
            "roads": "Auki",
            "heating": "Sähkölämmitteiset talot jäähtyvät",
            "needs": "Lämmin tila, ikäihmisten tavoittaminen",
        },
    )
    _log(
        session,
        outage,
        "decision",
        start + timedelta(hours=2),
        "Avataan seurakuntatalo lämpimäksi tilaksi klo 14 alkaen.",
        "Juha Karjalainen",
        actors[PARISH],
    )
    _log(
        session,
        outage,
        "message_out",
        start + timedelta(hours=2, minutes=30),
        "Tiedote asukkaille kirjaston ilmoitustaululle ja radioon.",
        "Anne Rantanen",
    )
    _task(
        session,
        "Seurakuntatalon avaaminen lämpimäksi tilaksi",
        actors[PARISH],
        "in_progress",
        start + timedelta(hours=2),
        incident=outage,
        phase="response",
    )
    _task(
        session,
        "Yksin asuvien ikäihmisten tavoittaminen",
        actors[SPR],
        "accepted",
        start + timedelta(hours=2),
        incident=outage,
        phase="response",
    )
    _task(
        session,
        "Aggregaatti vesilaitokselle",
        actors[VPK],
        "requested",
        start + timedelta(hours=3),
        incident=outage,
        phase="response",
    )
    _task(
        session,
        "Ruokailu seurakuntatalolla",
        actors[MARTAT],
        "requested",
        start + timedelta(hours=3),
        incident=outage,
        phase="response",
    )
