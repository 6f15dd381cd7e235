import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0008_correction_action_choices'),
    ]

    operations = [
        migrations.CreateModel(
            name='EntityArticle',
            fields=[
                ('pk', models.CompositePrimaryKey('entity', 'article', blank=True, editable=False, primary_key=True, serialize=False)),
                ('entity', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.entity')),
                ('article', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.article')),
                ('published', models.DateField(help_text="The article's, copied for ordering.", null=True)),
                ('mention_count', models.PositiveIntegerField(help_text='Active mentions of it in the article.')),
                ('quote_count', models.PositiveIntegerField(help_text='Active quotes it speaks in the article.')),
                ('first_start', models.PositiveIntegerField(help_text="Its first mention's offsets.", null=True)),
                ('first_end', models.PositiveIntegerField(null=True)),
            ],
        ),
        migrations.CreateModel(
            name='EntityStats',
            fields=[
                ('entity', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='stats', serialize=False, to='articles.entity')),
                ('kind', models.CharField(choices=[('PERSON', 'Person'), ('PLACE', 'Place'), ('ORG', 'Organisation'), ('GROUP', 'Group'), ('EVENT', 'Event'), ('WORK', 'Work'), ('PRODUCT', 'Product'), ('OTHER', 'Other')], max_length=10)),
                ('article_count', models.IntegerField(help_text='Articles naming it.')),
                ('mention_count', models.IntegerField()),
                ('quote_count', models.IntegerField(help_text='Quotes it speaks.')),
                ('first_seen', models.DateField(help_text='Earliest publication date naming it.', null=True)),
                ('last_seen', models.DateField(null=True)),
            ],
            options={
                'verbose_name_plural': 'entity stats',
            },
        ),
        migrations.CreateModel(
            name='PeriodArticle',
            fields=[
                ('pk', models.CompositePrimaryKey('granularity', 'period_start', 'article', blank=True, editable=False, primary_key=True, serialize=False)),
                ('granularity', models.CharField(choices=[('year', 'Year'), ('month', 'Month'), ('day', 'Day')], max_length=5)),
                ('period_start', models.DateField()),
                ('article', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.article')),
                ('published', models.DateField(help_text="The article's, copied for ordering.", null=True)),
                ('date_count', models.PositiveIntegerField(help_text='Its dates in the period.')),
                ('first_start', models.PositiveIntegerField(help_text='The first of its dates in the period.')),
                ('first_end', models.PositiveIntegerField()),
            ],
        ),
        migrations.CreateModel(
            name='PeriodStats',
            fields=[
                ('pk', models.CompositePrimaryKey('granularity', 'period_start', blank=True, editable=False, primary_key=True, serialize=False)),
                ('granularity', models.CharField(choices=[('year', 'Year'), ('month', 'Month'), ('day', 'Day')], max_length=5)),
                ('period_start', models.DateField()),
                ('article_count', models.IntegerField()),
            ],
            options={
                'verbose_name_plural': 'period stats',
            },
        ),
        migrations.AlterModelOptions(
            name='article',
            options={'ordering': [models.OrderBy(models.F('published'), descending=True, nulls_last=True), '-id']},
        ),
        migrations.RemoveIndex(
            model_name='article',
            name='article_newest_idx',
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(models.OrderBy(models.F('published'), descending=True, nulls_last=True), models.OrderBy(models.F('id'), descending=True), name='article_newest_idx'),
        ),
        migrations.AddIndex(
            model_name='entitystats',
            index=models.Index(models.F('kind'), models.OrderBy(models.F('article_count'), descending=True), models.OrderBy(models.F('entity'), descending=True), condition=models.Q(('article_count__gt', 0)), name='entitystats_kind_count_idx'),
        ),
        migrations.AddIndex(
            model_name='entityarticle',
            index=models.Index(models.F('entity'), models.OrderBy(models.F('published'), descending=True, nulls_last=True), models.OrderBy(models.F('article'), descending=True), condition=models.Q(('mention_count__gt', 0)), name='entityarticle_named_idx'),
        ),
        migrations.AddIndex(
            model_name='entityarticle',
            index=models.Index(models.F('entity'), models.OrderBy(models.F('published'), descending=True, nulls_last=True), models.OrderBy(models.F('article'), descending=True), condition=models.Q(('quote_count__gt', 0)), name='entityarticle_quoted_idx'),
        ),
        migrations.AddIndex(
            model_name='entityarticle',
            index=models.Index(fields=['article', 'entity'], include=('mention_count',), name='entityarticle_article_idx'),
        ),
        migrations.AddIndex(
            model_name='periodarticle',
            index=models.Index(models.F('granularity'), models.F('period_start'), models.OrderBy(models.F('published'), descending=True, nulls_last=True), models.OrderBy(models.F('article'), descending=True), name='periodarticle_newest_idx'),
        ),
    ]
