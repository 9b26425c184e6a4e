"""Register the provider's "Training" menu and screens with Wagtail."""

from wagtail_modeladmin.options import modeladmin_register

from lms.admin.listings import TrainingAdminGroup

modeladmin_register(TrainingAdminGroup)
