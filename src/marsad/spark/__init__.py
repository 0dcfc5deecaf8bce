"""The marsad pipeline on Apache Spark: the same extraction, partition by partition.

``marsad.spark.job`` is the job (``marsad spark extract`` or ``spark-submit
src/marsad/spark/job.py``); ``marsad.spark.layout`` is the SCHEMA.md record as Parquet
columns. pyspark is an optional extra (``pip install marsad[spark]``) and is imported only
when a job runs. See docs/scale.md.
"""
