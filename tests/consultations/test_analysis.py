"""The analysis page: counts per option from the database, filters, comparison, charts, what people wrote."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations import charts
from consultations.analysis import Day, ResponseFilter, responses_per_day, summarise
from consultations.answers import store_answers
from consultations.models import Audience, ConsultationResponse, ResponseStatus
from governance.factories import MembershipFactory
from governance.models import MembershipRole

pytestmark = pytest.mark.django_db

SUBMITTED, DRAFT, WITHDRAWN = ResponseStatus.SUBMITTED, ResponseStatus.DRAFT, ResponseStatus.WITHDRAWN


def respond(consultation, status=SUBMITTED, respondent_type=Audience.PARENTS_CARERS, organisation="", **answers):
    """A response whose answers are given by kind (agreement="agree", ranking=[...]), stored as submitting
    stores them. Drafts and withdrawals get Answer rows too, so the analysis is proven to skip them."""
    questions = {question.field_type: question for question in consultation.questions.all()}
    personal = ("respondent_name", "respondent_email", "submitted_at")
    extra = {name: answers.pop(name) for name in personal if name in answers}
    response = ConsultationResponse.objects.create(
        page=consultation,
        status=status,
        respondent_type=respondent_type,
        organisation_name=organisation,
        form_data={questions[kind].clean_name: value for kind, value in answers.items()},
        submitted_at=extra.pop("submitted_at", None) or (None if status == DRAFT else timezone.now()),
        **extra,
    )
    store_answers(response)
    return response


def someone_in(group, role, person_with_account):
    person = person_with_account()
    MembershipFactory(person=person, group=group, role=role)
    return person.user


@pytest.fixture
def chair(group, person_with_account):
    return someone_in(group, MembershipRole.CHAIR, person_with_account)


@pytest.fixture
def secretariat(group, person_with_account):
    return someone_in(group, MembershipRole.SECRETARIAT, person_with_account)


def analysis_url(consultation, **query):
    url = reverse("consultations:analysis", args=[consultation.pk])
    return url + ("?" + "&".join(f"{name}={value}" for name, value in query.items()) if query else "")


def summary_of(consultation, kind, only=None, types=()):
    questions = list(consultation.questions.all())
    summaries = summarise(consultation, questions, only or ResponseFilter(), types)
    return next(summary for summary in summaries if summary.question.field_type == kind)


def figures(summary):
    return [(option.label, option.answers, option.percent) for option in summary.options]


def test_agreement_counts_come_in_scale_order_and_only_from_submitted_responses(consultation):
    respond(consultation, agreement="agree")
    respond(consultation, agreement="agree")
    respond(consultation, agreement="dont_know")
    respond(consultation, status=DRAFT, agreement="strongly_disagree")
    respond(consultation, status=WITHDRAWN, agreement="strongly_disagree")
    summary = summary_of(consultation, "agreement")
    assert summary.respondents == 3
    assert figures(summary) == [
        ("Strongly agree", 0, 0.0),
        ("Agree", 2, 66.7),
        ("Neither agree nor disagree", 0, 0.0),
        ("Disagree", 0, 0.0),
        ("Strongly disagree", 0, 0.0),
        ("Don't know", 1, 33.3),
    ]


def test_choose_many_percentages_are_of_the_people_who_answered_not_of_the_ticks(consultation):
    respond(consultation, choose_many={"choices": ["Early help", "School nurse"], "other": ""})
    respond(consultation, choose_many={"choices": ["Early help", "other"], "other": "Family hub"})
    summary = summary_of(consultation, "choose_many")
    assert summary.respondents == 2
    assert figures(summary) == [
        ("Early help", 2, 100.0),
        ("School nurse", 1, 50.0),
        ("Attendance", 0, 0.0),
        ("Other", 1, 50.0),
    ]
    assert summary.written == 1


def test_ranking_gives_each_options_average_place_and_how_many_put_it_first(consultation):
    respond(consultation, ranking=["Home visits", "Text messages", "Letters"])
    respond(consultation, ranking=["Home visits", "Letters", "Text messages"])
    respond(consultation, ranking=["Letters", "Home visits", "Text messages"])
    summary = summary_of(consultation, "ranking")
    ranked = {option.label: (option.first, option.percent, option.average_rank) for option in summary.options}
    assert summary.respondents == 3
    assert ranked == {"Text messages": (0, 0.0, 2.7), "Home visits": (2, 66.7, 1.3), "Letters": (1, 33.3, 2.0)}


def test_a_value_no_longer_offered_is_still_counted_after_the_offered_ones(consultation):
    respond(consultation, choose_one={"choice": "Year 10", "other": ""})
    summary = summary_of(consultation, "choose_one")
    assert [option.label for option in summary.options] == ["Year 7", "Year 8", "Year 9", "Other", "Year 10"]


def test_filters_narrow_every_figure_to_a_respondent_type_or_an_organisation(consultation):
    heads = Audience.SCHOOL_LEADERS
    respond(consultation, respondent_type=heads, organisation="Hillside Primary", yes_no={"answer": "yes"})
    respond(consultation, respondent_type=heads, organisation="Eastgate Academy", yes_no={"answer": "no"})
    respond(consultation, respondent_type=Audience.PARENTS_CARERS, yes_no={"answer": "no"})
    from_heads = summary_of(consultation, "yes_no", ResponseFilter(respondent_type=heads))
    assert figures(from_heads) == [("Yes", 1, 50.0), ("No", 1, 50.0)]
    hillside = summary_of(consultation, "yes_no", ResponseFilter(organisation="Hillside Primary"))
    assert figures(hillside) == [("Yes", 1, 100.0), ("No", 0, 0.0)]


def test_responses_per_day_fill_the_quiet_days_with_zeros(consultation):
    day_one = timezone.make_aware(datetime.datetime(2026, 3, 2, 10))
    respond(consultation, agreement="agree", submitted_at=day_one)
    respond(consultation, agreement="agree", submitted_at=day_one + datetime.timedelta(hours=3))
    respond(consultation, agreement="agree", submitted_at=day_one + datetime.timedelta(days=2))
    respond(consultation, status=DRAFT, agreement="agree")
    days = [(day.day.isoformat(), day.responses) for day in responses_per_day(consultation)]
    assert days == [("2026-03-02", 2), ("2026-03-03", 0), ("2026-03-04", 1)]


def test_the_page_shows_counts_charts_with_tables_and_comments(client, consultation, chair):
    respond(consultation, agreement="agree", yes_no={"answer": "yes", "comment": "Only if schools see the results."})
    respond(consultation, status=DRAFT, agreement="agree")
    respond(consultation, status=WITHDRAWN, agreement="agree")
    client.force_login(chair)
    page = client.get(analysis_url(consultation)).content.decode()
    assert re.search(r"<strong>1</strong> submitted response\b", page)
    assert "<strong>1</strong> draft in progress" in page and "<strong>1</strong> withdrawn" in page
    assert page.count('<svg class="chart') == 1 + 5, "one for the days, one per question with options"
    assert '<title id="chart-days-title">' in page and 'role="img"' in page
    assert "Only if schools see the results." in page
    assert not re.search(r"<[^>]+\sstyle=", page), "the CSP refuses inline style, in SVG too"


def test_compare_by_respondent_type_gives_a_column_for_each_type_that_answered(client, consultation, chair):
    respond(consultation, respondent_type=Audience.SCHOOL_LEADERS, agreement="agree")
    respond(consultation, respondent_type=Audience.PARENTS_CARERS, agreement="disagree")
    respond(consultation, respondent_type=Audience.PARENTS_CARERS, agreement="agree")
    client.force_login(chair)
    page = client.get(analysis_url(consultation, compare="on")).content.decode()
    table = page[page.index("Compared by respondent type") :]
    table = table[: table.index("</table>")]
    assert [re.sub(r"<.*?>", "", cell) for cell in re.findall(r'<th scope="col" class="number">.*?</th>', table)] == [
        "School leaders",
        "Parents and carers",
    ]
    assert '1 (100%)</td><td class="number">1 (50%)' in table
    assert "Compared by respondent type" not in client.get(analysis_url(consultation)).content.decode()


def test_the_group_chairs_and_secretariat_may_read_the_analysis_and_nobody_else(
    client, consultation, group, other_group, chair, secretariat, person_with_account
):
    url = analysis_url(consultation)
    assert client.get(url).status_code == 302, "anonymous visitors are asked to sign in"
    for outsider in (
        someone_in(group, MembershipRole.MEMBER, person_with_account),
        someone_in(other_group, MembershipRole.CHAIR, person_with_account),
    ):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
    for reader in (chair, secretariat):
        client.force_login(reader)
        assert client.get(url).status_code == 200
    assert client.get(reverse("consultations:analysis", args=[consultation.pk + 999])).status_code == 404


def test_names_show_beside_what_people_wrote_only_to_chairs_of_an_identifying_consultation(
    client, consultation, chair, secretariat
):
    respond(consultation, short_text="The buses", respondent_name="Amira Okafor", respondent_email="amira@example.com")
    written_url = reverse("consultations:analysis_written", args=[consultation.pk, short_text_question(consultation)])
    client.force_login(chair)
    for url in (analysis_url(consultation), written_url):
        assert "The buses" in client.get(url).content.decode()
        assert "Amira Okafor" not in client.get(url).content.decode(), "anonymised: nobody sees names"
    consultation.identify_respondents = True
    consultation.save()
    assert "Amira Okafor" in client.get(analysis_url(consultation)).content.decode()
    assert "Amira Okafor" in client.get(written_url).content.decode()
    client.force_login(secretariat)
    assert "Amira Okafor" not in client.get(analysis_url(consultation)).content.decode()
    assert "Amira Okafor" not in client.get(written_url).content.decode()


def short_text_question(consultation):
    return consultation.questions.get(field_type="short_text").pk


def test_what_people_wrote_comes_fifty_at_a_time_and_can_be_searched(client, consultation, chair):
    for n in range(55):
        respond(consultation, short_text=f"Answer number {n}" + (" about buses" if n % 10 == 0 else ""))
    respond(consultation, status=WITHDRAWN, short_text="Withdrawn about buses")
    url = reverse("consultations:analysis_written", args=[consultation.pk, short_text_question(consultation)])
    client.force_login(chair)
    first = client.get(url)
    assert len(first.context["written"]) == 50 and first.context["page_obj"].paginator.count == 55
    assert "Answer number 54" in first.content.decode(), "latest first"
    assert len(client.get(url, {"page": 2}).context["written"]) == 5
    found = [answer.text for answer in client.get(url, {"q": "BUSES"}).context["written"]]
    assert sorted(found) == sorted(f"Answer number {n} about buses" for n in (0, 10, 20, 30, 40, 50))


def some_responses(consultation, count):
    kinds = [Audience.SCHOOL_LEADERS, Audience.PARENTS_CARERS, Audience.PARTNERS]
    for n in range(count):
        respond(
            consultation,
            respondent_type=kinds[n % 3],
            organisation=f"School {n % 4}",
            agreement="agree",
            ranking=["Letters", "Home visits", "Text messages"],
            yes_no={"answer": "yes", "comment": f"Comment {n}"},
            choose_one={"choice": "other", "other": f"Year {n}"},
            choose_many={"choices": ["Early help", "other"], "other": "Hub"},
            short_text=f"Short {n}",
            long_text=f"Long {n}",
            submitted_at=timezone.now() - datetime.timedelta(days=n % 9),
        )


@pytest.mark.parametrize("count", [3, 40])
def test_the_analysis_costs_the_same_queries_however_many_responses(
    client, consultation, chair, count, django_assert_max_num_queries
):
    some_responses(consultation, count)
    client.force_login(chair)
    client.get(analysis_url(consultation))  # fills the per-process caches a running server has warm
    for query in ({}, {"respondent_type": Audience.PARTNERS, "compare": "on"}, {"organisation": "School 1"}):
        with django_assert_max_num_queries(24):
            assert client.get(analysis_url(consultation, **query)).status_code == 200


def test_charts_scale_bars_to_the_largest_and_date_the_first_and_last_day():
    rows = [("Agree", 30, "30"), ("A label far longer than fits", 15, "15")]
    chart = charts.option_chart("chart-1", "Agreement", rows)
    assert [bar.width for bar in chart.bars] == [300, 150]
    assert chart.bars[1].label == "A label far longer than fits" and len(charts.shortened("x" * 40)) == 32
    days = [Day(datetime.date(2026, 3, 1) + datetime.timedelta(days=n), n) for n in range(20)]
    dated = [label.text for label in charts.day_chart("chart-days", "Per day", days).axis_labels]
    assert dated[0] == "1 Mar" and dated[-1] == "20 Mar" and len(dated) <= charts.DATE_LABELS + 1
