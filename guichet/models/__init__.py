from guichet.models.announcements import Announcement
from guichet.models.editorial import EditorialModel, EditorialQuerySet, ProposedChange, StatusChange
from guichet.models.gatherings import ForAudience, Organised, Placed, five_digit_postal_code, organiser_model
from guichet.models.pageviews import PageView
from guichet.models.people import Organisation, User
from guichet.models.reminders import ReminderSent
from guichet.models.reports import ErrorReport
from guichet.models.slugs import OldSlug, SluggedModel
from guichet.models.synonyms import Synonym
from guichet.models.vocabulary import PhaseTag, StatusTag, Territory, Theme

__all__ = [
    "Announcement",
    "EditorialModel",
    "EditorialQuerySet",
    "ErrorReport",
    "ForAudience",
    "OldSlug",
    "Organisation",
    "Organised",
    "PageView",
    "PhaseTag",
    "Placed",
    "ProposedChange",
    "ReminderSent",
    "StatusChange",
    "SluggedModel",
    "StatusTag",
    "Synonym",
    "Territory",
    "Theme",
    "User",
    "five_digit_postal_code",
    "organiser_model",
]
